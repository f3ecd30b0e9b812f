// GeoDatabase over libmaxminddb: the file is memory-mapped once; a lookup walks its search tree
// and reads the few values GeoContext holds. A damaged file gives no answer, never a crash.
#include "geo_database.h"

#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace seckit::ioc_enrich {
namespace {

// The value at `path` (NULL-terminated) under `entry`, when it is there and has `type`.
template <typename... Path>
bool Value(const MMDB_entry_s& entry, uint32_t type, MMDB_entry_data_s& data, Path... path) {
  MMDB_entry_s start = entry;  // MMDB_get_value takes a non-const pointer
  return MMDB_get_value(&start, &data, path..., static_cast<const char*>(nullptr)) ==
             MMDB_SUCCESS &&
         data.has_data && data.type == type;
}

template <typename... Path>
bool MmdbString(const MMDB_entry_s& entry, std::string& out, Path... path) {
  MMDB_entry_data_s data;
  if (!Value(entry, MMDB_DATA_TYPE_UTF8_STRING, data, path...) || data.data_size == 0) {
    return false;
  }
  out.assign(data.utf8_string, data.data_size);
  return true;
}

bool Double(const MMDB_entry_s& entry, std::optional<double>& out, const char* a, const char* b) {
  MMDB_entry_data_s data;
  if (!Value(entry, MMDB_DATA_TYPE_DOUBLE, data, a, b)) return false;
  out = data.double_value;
  return true;
}

// Autonomous system numbers are uint32 in MaxMind's databases; other writers pick other widths.
bool MmdbNumber(const MMDB_entry_s& entry, std::optional<uint32_t>& out, const char* key) {
  MMDB_entry_s start = entry;
  MMDB_entry_data_s data;
  if (MMDB_get_value(&start, &data, key, static_cast<const char*>(nullptr)) != MMDB_SUCCESS ||
      !data.has_data) {
    return false;
  }
  switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
      out = data.uint16;
      return true;
    case MMDB_DATA_TYPE_UINT32:
      out = data.uint32;
      return true;
    case MMDB_DATA_TYPE_INT32:
      if (data.int32 < 0) return false;
      out = static_cast<uint32_t>(data.int32);
      return true;
    case MMDB_DATA_TYPE_UINT64:
      if (data.uint64 > UINT32_MAX) return false;
      out = static_cast<uint32_t>(data.uint64);
      return true;
    default:
      return false;
  }
}

}  // namespace

struct GeoDatabase::Impl {
  MMDB_s db{};
  std::string type;
  ~Impl() { MMDB_close(&db); }
};

GeoDatabase::GeoDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GeoDatabase::~GeoDatabase() = default;

Result<std::unique_ptr<GeoDatabase>> GeoDatabase::Open(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NoInput("cannot open " + path + ": No such file or directory");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::NoInput("cannot open " + path + ": is a directory");
  }
  auto impl = std::make_unique<Impl>();
  errno = 0;
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &impl->db);
  if (status != MMDB_SUCCESS) {
    const int saved_errno = errno;
    // MMDB_open frees what it allocated on failure; MMDB_close must not run on it.
    impl->db = MMDB_s{};
    switch (status) {
      case MMDB_FILE_OPEN_ERROR:
        return Status::NoInput(
            "cannot open " + path + ": " +
            (saved_errno != 0 ? std::strerror(saved_errno) : MMDB_strerror(status)));
      case MMDB_IO_ERROR:
        if (std::filesystem::file_size(path, ec) == 0 && !ec) {
          return Status::DataError(path + " is empty, not a MaxMind DB file");
        }
        return Status::IoError("cannot read " + path + ": " + MMDB_strerror(status));
      case MMDB_OUT_OF_MEMORY_ERROR:
        return Status::Internal("cannot open " + path + ": " + MMDB_strerror(status));
      default:
        return Status::DataError(path +
                                 " is not a usable MaxMind DB file: " + MMDB_strerror(status));
    }
  }
  impl->type = impl->db.metadata.database_type != nullptr ? impl->db.metadata.database_type : "";
  return std::unique_ptr<GeoDatabase>(new GeoDatabase(std::move(impl)));
}

const std::string& GeoDatabase::type() const { return impl_->type; }

bool GeoDatabase::Lookup(const IpAddress& address, GeoContext& geo) const {
  sockaddr_storage storage{};
  if (address.is_v4()) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&storage);
    sin->sin_family = AF_INET;
    std::memcpy(&sin->sin_addr, address.bytes().data(), 4);
  } else {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&storage);
    sin6->sin6_family = AF_INET6;
    std::memcpy(&sin6->sin6_addr, address.bytes().data(), 16);
  }
  int error = MMDB_SUCCESS;
  const MMDB_lookup_result_s result =
      MMDB_lookup_sockaddr(&impl_->db, reinterpret_cast<const sockaddr*>(&storage), &error);
  if (error != MMDB_SUCCESS || !result.found_entry) return false;
  const MMDB_entry_s& entry = result.entry;
  bool found = false;
  found |= MmdbString(entry, geo.country_iso_code, "country", "iso_code");
  found |= MmdbString(entry, geo.country_name, "country", "names", "en");
  found |= MmdbString(entry, geo.city_name, "city", "names", "en");
  found |= Double(entry, geo.latitude, "location", "latitude");
  found |= Double(entry, geo.longitude, "location", "longitude");
  found |= MmdbNumber(entry, geo.as_number, "autonomous_system_number");
  found |= MmdbString(entry, geo.as_organization, "autonomous_system_organization");
  return found;
}

}  // namespace seckit::ioc_enrich
