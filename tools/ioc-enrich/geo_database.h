// Offline geo and ASN context from MaxMind/DB-IP .mmdb files (City, Country, ASN, and the
// combined DB-IP "lite" layouts), through libmaxminddb.
#ifndef SECKIT_IOC_ENRICH_GEO_DATABASE_H_
#define SECKIT_IOC_ENRICH_GEO_DATABASE_H_

#include <memory>
#include <string>

#include "enrichment.h"
#include "seckit/ip.h"
#include "seckit/status.h"

namespace seckit::ioc_enrich {

class GeoDatabase {
 public:
  // Opens an .mmdb file (memory-mapped). Missing: Status::NoInput; not an mmdb: Status::DataError.
  static Result<std::unique_ptr<GeoDatabase>> Open(const std::string& path);
  ~GeoDatabase();

  // Fills what the database knows about `address` into `geo` (country.iso_code,
  // country.names.en, city.names.en, location.latitude/longitude, autonomous_system_number and
  // _organization); fields it does not have are left as they were, so a City and an ASN database
  // can fill one GeoContext. False when it knows nothing: no entry, none of those fields, an IPv6
  // address in an IPv4-only database, or a damaged search tree or data section. Thread-safe.
  bool Lookup(const IpAddress& address, GeoContext& geo) const;
  // "GeoLite2-City", "DBIP-ASN-Lite (compat=GeoLite2-ASN)" …: the database type from its metadata.
  const std::string& type() const;

 private:
  struct Impl;
  explicit GeoDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_GEO_DATABASE_H_
