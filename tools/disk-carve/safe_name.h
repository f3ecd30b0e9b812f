// Making one name from a hostile image safe as one path component on the host.
#ifndef SECKIT_DISK_CARVE_SAFE_NAME_H_
#define SECKIT_DISK_CARVE_SAFE_NAME_H_

#include <string>
#include <string_view>
#include <vector>

namespace seckit::disk_carve {

// The longest component SafeComponent returns (well under NAME_MAX, leaving room for "~N").
inline constexpr size_t kMaxComponentSize = 200;

// `name` as a single safe path component: never empty, ".", ".." or containing '/'; control
// characters, DEL, '%', '\\' and bytes that are not UTF-8 escaped as %XX; "." and ".." become
// "_." and "_.."; longer than kMaxComponentSize bytes: cut, with a hash of the whole name added so
// different long names stay different.
std::string SafeComponent(std::string_view name);

// The components of an image path ("/a/b/c"), each made safe; empty components are dropped.
std::vector<std::string> SafeComponents(std::string_view path);

// `name` with "~N" inserted before its extension (or at the end): "a.txt" → "a~1.txt".
std::string WithCollisionSuffix(std::string_view name, int n);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_SAFE_NAME_H_
