# seckit_hardening: fortify, stack protector, PIE and full RELRO on optimised builds; sanitizers
# when SECKIT_SANITIZE is on (they and _FORTIFY_SOURCE do not mix, so it is one or the other).
add_library(seckit_hardening INTERFACE)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
if(SECKIT_SANITIZE)
  target_compile_options(seckit_hardening INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(seckit_hardening INTERFACE -fsanitize=address,undefined)
else()
  target_compile_options(seckit_hardening INTERFACE
    -fstack-protector-strong -fstack-clash-protection -fcf-protection
    $<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>)
endif()
target_link_options(seckit_hardening INTERFACE -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack)
