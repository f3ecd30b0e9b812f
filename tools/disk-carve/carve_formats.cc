// The table of formats and the --types names.
#include "carve_formats.h"

#include <algorithm>

namespace seckit::disk_carve {
namespace {

constexpr CarveFormat kFormats[] = {
    {"jpg", "jpg", {0xff, 0xd8}, MeasureJpeg}, {"png", "png", {0x89, 'P'}, MeasurePng},
    {"gif", "gif", {'G', 'I'}, MeasureGif},    {"bmp", "bmp", {'B', 'M'}, MeasureBmp},
    {"pdf", "pdf", {'%', 'P'}, MeasurePdf},    {"zip", "zip", {'P', 'K'}, MeasureZip},
    {"gz", "gz", {0x1f, 0x8b}, MeasureGzip},   {"elf", "elf", {0x7f, 'E'}, MeasureElf},
    {"exe", "exe", {'M', 'Z'}, MeasurePe},     {"sqlite", "sqlite", {'S', 'Q'}, MeasureSqlite},
};

struct Alias {
  std::string_view alias, name;
};
constexpr Alias kAliases[] = {
    {"jpeg", "jpg"}, {"gzip", "gz"},  {"pe", "exe"},    {"dll", "exe"},   {"docx", "zip"},
    {"xlsx", "zip"}, {"pptx", "zip"}, {"ooxml", "zip"}, {"db", "sqlite"}, {"sqlite3", "sqlite"}};

}  // namespace

std::span<const CarveFormat> AllCarveFormats() { return kFormats; }

Result<std::vector<const CarveFormat*>> SelectCarveFormats(std::string_view list) {
  std::vector<const CarveFormat*> chosen;
  if (list.empty() || list == "all") {
    for (const CarveFormat& f : kFormats) chosen.push_back(&f);
    return chosen;
  }
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(start, comma - start);
    for (const Alias& a : kAliases) {
      if (a.alias == name) name = a.name;
    }
    auto it = std::find_if(std::begin(kFormats), std::end(kFormats),
                           [&](const CarveFormat& f) { return f.name == name; });
    if (it == std::end(kFormats)) {
      return Status::Usage("--types: unknown type '" + std::string(name) +
                           "' (known: jpg, png, gif, bmp, pdf, zip, gz, elf, exe, sqlite)");
    }
    if (std::find(chosen.begin(), chosen.end(), &*it) == chosen.end()) chosen.push_back(&*it);
    start = comma + 1;
  }
  return chosen;
}

}  // namespace seckit::disk_carve
