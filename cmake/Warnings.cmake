# seckit_warnings: the warning set every seckit target compiles with (an INTERFACE target).
add_library(seckit_warnings INTERFACE)
target_compile_options(seckit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${SECKIT_WERROR}>:-Werror>)
