// Whether this build runs under AddressSanitizer, for the few places that must know: gcc defines
// __SANITIZE_ADDRESS__, clang answers __has_feature(address_sanitizer) and defines nothing.
// SECKIT_ADDRESS_SANITIZER is 1 or 0, for #if; kAddressSanitizer the same, for code.
#ifndef SECKIT_SANITIZER_H_
#define SECKIT_SANITIZER_H_

#if defined(__SANITIZE_ADDRESS__)
#define SECKIT_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SECKIT_ADDRESS_SANITIZER 1
#endif
#endif
#ifndef SECKIT_ADDRESS_SANITIZER
#define SECKIT_ADDRESS_SANITIZER 0
#endif

namespace seckit {
inline constexpr bool kAddressSanitizer = SECKIT_ADDRESS_SANITIZER == 1;
}  // namespace seckit

#endif  // SECKIT_SANITIZER_H_
