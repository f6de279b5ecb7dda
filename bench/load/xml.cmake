# The XML loaders' bench (bench_load_xml.c). Included by bench/load/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/xml.cmake)
add_executable(bench_load_xml ${CMAKE_CURRENT_LIST_DIR}/bench_load_xml.c)
nomen_target_warnings(bench_load_xml)
nomen_link_modules(bench_load_xml load)
