# Internal modules. Each stage of the pipeline (lib/<module>/) is an OBJECT
# library that names the earlier stages it may use. The public libraries are
# built from the objects of every module; a test links only the closure of the
# modules it needs, so a stage can be built and tested on its own.
#
#   nomen_module(NAME SOURCES a.c b.c DEPENDS core unicode LIBS ICU::uc)
#   nomen_test(NAME SOURCES t.c MODULES distance [ARGS ...] [LABELS ...])
#   nomen_fuzz_target(NAME SOURCES f.c MODULES normalize CORPUS dir)

function(nomen_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  add_library(nomen_${name} OBJECT ${M_SOURCES})
  target_include_directories(nomen_${name} PUBLIC
    ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/lib
    ${PROJECT_BINARY_DIR}/lib)
  target_compile_definitions(nomen_${name} PUBLIC NOMEN_BUILDING)
  nomen_target_warnings(nomen_${name})
  foreach(dep IN LISTS M_DEPENDS)
    if(NOT TARGET nomen_${dep})
      message(FATAL_ERROR "module ${name}: dependency ${dep} is not defined yet "
                          "(modules must be added in pipeline order)")
    endif()
    target_link_libraries(nomen_${name} PUBLIC nomen_${dep})
  endforeach()
  if(M_LIBS)
    target_link_libraries(nomen_${name} PUBLIC ${M_LIBS})
  endif()
  set_property(GLOBAL APPEND PROPERTY NOMEN_MODULES ${name})
  set_property(GLOBAL PROPERTY NOMEN_DEPS_${name} ${M_DEPENDS})
  set_property(GLOBAL APPEND PROPERTY NOMEN_EXTERNAL_LIBS ${M_LIBS})
endfunction()

# nomen_module_closure(OUT mod...): the modules and everything they depend on.
function(nomen_module_closure out)
  set(todo ${ARGN})
  set(seen "")
  while(todo)
    list(POP_FRONT todo m)
    if(NOT m IN_LIST seen)
      list(APPEND seen ${m})
      get_property(deps GLOBAL PROPERTY NOMEN_DEPS_${m})
      list(APPEND todo ${deps})
    endif()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(nomen_link_modules target)
  nomen_module_closure(mods ${ARGN})
  foreach(m IN LISTS mods)
    target_link_libraries(${target} PRIVATE nomen_${m})
  endforeach()
endfunction()

function(nomen_test name)
  cmake_parse_arguments(T "" "" "SOURCES;MODULES;ARGS;LABELS;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  nomen_target_warnings(${name})
  nomen_link_modules(${name} ${T_MODULES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE nomen_testutil ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "NOMEN_SHARED_DIR=${NOMEN_SHARED_DIR};NOMEN_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    LABELS "${T_LABELS}")
endfunction()

# A fuzz target is always built as a replay program that feeds every file of
# its corpus to LLVMFuzzerTestOneInput, and registered as an ordinary test.
# With NOMEN_BUILD_FUZZ and clang it is also built as a libFuzzer binary.
function(nomen_fuzz_target name)
  cmake_parse_arguments(F "" "CORPUS" "SOURCES;MODULES" ${ARGN})
  add_executable(${name}_replay ${F_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.c)
  nomen_target_warnings(${name}_replay)
  nomen_link_modules(${name}_replay ${F_MODULES})
  if(NOMEN_BUILD_TESTS)
    add_test(NAME ${name}_replay COMMAND ${name}_replay ${F_CORPUS})
    set_tests_properties(${name}_replay PROPERTIES LABELS "fuzz")
  endif()
  if(NOMEN_BUILD_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
    add_executable(${name} ${F_SOURCES})
    nomen_target_warnings(${name})
    nomen_link_modules(${name} ${F_MODULES})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    # Where the seed corpus is, for scripts that run the fuzzer (.ci/run).
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${name}.corpus "${F_CORPUS}")
  endif()
endfunction()
