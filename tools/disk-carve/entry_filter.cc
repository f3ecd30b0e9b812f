// Filters on names as the image spells them; extensions compare without regard to ASCII case.
#include "entry_filter.h"

#include <fnmatch.h>

#include <algorithm>

namespace seckit::disk_carve {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

EntryFilter::EntryFilter(const Options& options)
    : deleted_only_(options.deleted_only), globs_(options.globs), inodes_(options.inodes) {
  for (const std::string& ext : options.extensions) {
    extensions_.push_back(Lower(!ext.empty() && ext[0] == '.' ? ext.substr(1) : ext));
  }
}

bool EntryFilter::Keeps(const FileEntry& entry) const {
  if (deleted_only_ && !entry.deleted) return false;
  if (!globs_.empty() && std::none_of(globs_.begin(), globs_.end(), [&](const std::string& glob) {
        return fnmatch(glob.c_str(), entry.path.c_str(), 0) == 0;
      })) {
    return false;
  }
  if (!extensions_.empty()) {
    const size_t dot = entry.name.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : Lower(entry.name.substr(dot + 1));
    if (std::find(extensions_.begin(), extensions_.end(), ext) == extensions_.end()) return false;
  }
  if (!inodes_.empty() &&
      std::find(inodes_.begin(), inodes_.end(), entry.inode()) == inodes_.end() &&
      std::find(inodes_.begin(), inodes_.end(), std::to_string(entry.file->name->meta_addr)) ==
          inodes_.end()) {
    return false;
  }
  return true;
}

}  // namespace seckit::disk_carve
