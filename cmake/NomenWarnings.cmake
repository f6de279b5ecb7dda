# Compiler warnings and sanitizers for every nomen target.
set(NOMEN_C_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wpointer-arith -Wformat=2 -Wvla -Wundef -Wwrite-strings -Wcast-qual
  -Wimplicit-fallthrough -Wnull-dereference -Wdouble-promotion)

function(nomen_target_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${NOMEN_C_WARNINGS}>
    $<$<BOOL:${NOMEN_WERROR}>:-Werror>)
endfunction()

if(NOMEN_SANITIZE)
  add_compile_options(-fsanitize=${NOMEN_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${NOMEN_SANITIZE})
endif()
