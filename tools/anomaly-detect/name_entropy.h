// Character statistics of DNS names: Shannon entropy, and whether a label looks machine-made
// (the random-looking second-level labels of domain generation algorithms).
#ifndef SECKIT_ANOMALY_DETECT_NAME_ENTROPY_H_
#define SECKIT_ANOMALY_DETECT_NAME_ENTROPY_H_

#include <string_view>

namespace seckit::anomaly_detect {

// Shannon entropy of the bytes of `text`, in bits per character (0 for empty text).
double ShannonEntropy(std::string_view text);

// The part of `name` left of its registered domain ("a1b2.c3.example.com" with registered domain
// "example.com" -> "a1b2.c3"); empty when there is none.
std::string_view SubdomainPart(std::string_view name, std::string_view registered);

// True for a label that reads as random: at least 10 characters, entropy of at least 3 bits per
// character, and either few vowels (under 30% of the letters, English runs near 40%) or many
// digits mixed with letters (over 20%).
bool LooksGenerated(std::string_view label);

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_NAME_ENTROPY_H_
