// GeoDatabase against MaxMind's test databases, with mmdblookup (libmaxminddb's own tool) as the
// independent reference, and the two broken-on-purpose databases.
#include "geo_database.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using testing::Run;

// The value mmdblookup prints for one data path ("GB" <utf8_string>, 1221 <uint32>,
// 51.514200 <double>), without quotes; nullopt when it finds nothing there.
std::optional<std::string> Reference(const std::filesystem::path& db, const std::string& address,
                                     const std::vector<std::string>& path) {
  std::vector<std::string> argv = {"mmdblookup", "-f", db.string(), "-i", address};
  argv.insert(argv.end(), path.begin(), path.end());
  const testing::CommandResult r = Run(argv);
  for (const std::string& line : testing::SplitLines(r.out)) {
    const size_t type = line.rfind(" <");
    if (type == std::string::npos) continue;
    std::string value = line.substr(line.find_first_not_of(' '));
    value.resize(value.rfind(" <"));
    if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

std::unique_ptr<GeoDatabase> OpenOrDie(const std::filesystem::path& path) {
  Result<std::unique_ptr<GeoDatabase>> db = GeoDatabase::Open(path.string());
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(db.value()) : nullptr;
}

// Addresses from the test databases' source data (maxmind/MaxMind-DB source-data/*.json), and
// some that no test database lists.
const std::vector<std::string> kCityAddresses = {"81.2.69.142",   "81.2.69.160",   "2.125.160.216",
                                                 "89.160.20.112", "89.160.20.128", "216.160.83.56",
                                                 "175.16.199.0",  "67.43.156.0",   "202.196.224.0",
                                                 "2001:218::",    "2a02:ff80::",   "2001:480::1",
                                                 "1.1.1.1",       "10.0.0.1",      "::1"};
const std::vector<std::string> kAsnAddresses = {
    "1.128.0.0", "12.81.92.0", "15.0.0.1",      "18.0.0.1",     "23.32.0.1", "38.105.0.65",
    "39.32.0.1", "60.64.0.1",  "64.17.254.217", "2600:6000::1", "8.8.8.8",   "::1"};

void CompareCity(const std::string& file) {
  SECKIT_REQUIRE_CORPUS(path, "mmdb/" + file);
  if (!testing::HaveProgram("mmdblookup")) GTEST_SKIP() << "mmdblookup (mmdb-bin) not installed";
  std::unique_ptr<GeoDatabase> db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  size_t with_city = 0;
  for (const std::string& text : kCityAddresses) {
    SCOPED_TRACE(file + " " + text);
    GeoContext geo;
    const bool found = db->Lookup(*IpAddress::Parse(text), geo);
    const std::optional<std::string> iso = Reference(path, text, {"country", "iso_code"});
    const std::optional<std::string> country = Reference(path, text, {"country", "names", "en"});
    const std::optional<std::string> city = Reference(path, text, {"city", "names", "en"});
    const std::optional<std::string> latitude = Reference(path, text, {"location", "latitude"});
    EXPECT_EQ(geo.country_iso_code, iso.value_or(""));
    EXPECT_EQ(geo.country_name, country.value_or(""));
    EXPECT_EQ(geo.city_name, city.value_or(""));
    EXPECT_EQ(geo.latitude.has_value(), latitude.has_value());
    if (geo.latitude && latitude) {
      EXPECT_NEAR(*geo.latitude, std::stod(*latitude), 1e-5);
    }
    EXPECT_EQ(found, iso || city || latitude);
    with_city += city.has_value();
  }
  EXPECT_GE(with_city, 5u);  // the comparison is not vacuous
}

TEST(GeoDatabase, GeoLite2CityAgreesWithMmdblookup) { CompareCity("GeoLite2-City-Test.mmdb"); }
TEST(GeoDatabase, GeoIP2CityAgreesWithMmdblookup) { CompareCity("GeoIP2-City-Test.mmdb"); }

TEST(GeoDatabase, AsnAgreesWithMmdblookup) {
  SECKIT_REQUIRE_CORPUS(path, "mmdb/GeoLite2-ASN-Test.mmdb");
  if (!testing::HaveProgram("mmdblookup")) GTEST_SKIP() << "mmdblookup (mmdb-bin) not installed";
  std::unique_ptr<GeoDatabase> db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->type(), "GeoLite2-ASN");
  size_t with_org = 0;
  for (const std::string& text : kAsnAddresses) {
    SCOPED_TRACE(text);
    GeoContext geo;
    const bool found = db->Lookup(*IpAddress::Parse(text), geo);
    const std::optional<std::string> number = Reference(path, text, {"autonomous_system_number"});
    const std::optional<std::string> org =
        Reference(path, text, {"autonomous_system_organization"});
    EXPECT_EQ(found, number.has_value() || org.has_value());
    EXPECT_EQ(geo.as_number.has_value(), number.has_value());
    if (geo.as_number && number) {
      EXPECT_EQ(std::to_string(*geo.as_number), *number);
    }
    EXPECT_EQ(geo.as_organization, org.value_or(""));
    EXPECT_TRUE(geo.country_iso_code.empty());
    with_org += org.has_value();
  }
  EXPECT_GE(with_org, 5u);
  // The example the corpus manifest documents.
  GeoContext telstra;
  ASSERT_TRUE(db->Lookup(*IpAddress::Parse("1.128.0.0"), telstra));
  EXPECT_EQ(telstra.as_number, 1221u);
  EXPECT_EQ(telstra.as_organization, "Telstra Pty Ltd");
}

TEST(GeoDatabase, CityAndAsnFillOneContext) {
  SECKIT_REQUIRE_CORPUS(city_path, "mmdb/GeoLite2-City-Test.mmdb");
  SECKIT_REQUIRE_CORPUS(asn_path, "mmdb/GeoLite2-ASN-Test.mmdb");
  std::unique_ptr<GeoDatabase> city = OpenOrDie(city_path);
  std::unique_ptr<GeoDatabase> asn = OpenOrDie(asn_path);
  ASSERT_TRUE(city && asn);
  EXPECT_EQ(city->type(), "GeoLite2-City");
  GeoContext geo;
  const IpAddress address = *IpAddress::Parse("89.160.20.112");
  EXPECT_TRUE(city->Lookup(address, geo));
  asn->Lookup(address, geo);  // whatever the ASN test data says, the city fields stay
  EXPECT_EQ(geo.country_iso_code, "SE");
  EXPECT_EQ(geo.city_name, "Linköping");
  EXPECT_FALSE(geo.empty());
  GeoContext nothing;
  EXPECT_FALSE(city->Lookup(*IpAddress::Parse("10.0.0.1"), nothing));
  EXPECT_TRUE(nothing.empty());
}

// Broken on purpose: every lookup answers cleanly (mostly nothing), none crashes. The
// databases are IPv4-only with a /24 of test data; the whole /24 and some more are asked.
TEST(GeoDatabase, BrokenDatabasesNeverCrash) {
  for (const char* file : {"mmdb/MaxMind-DB-test-broken-pointers-24.mmdb",
                           "mmdb/MaxMind-DB-test-broken-search-tree-24.mmdb"}) {
    SECKIT_REQUIRE_CORPUS(path, file);
    Result<std::unique_ptr<GeoDatabase>> db = GeoDatabase::Open(path.string());
    if (!db.ok()) {  // refusing the file is a clean answer too
      EXPECT_EQ(db.status().code(), ExitCode::kDataError) << db.status().message();
      continue;
    }
    for (uint32_t i = 0; i < 256; ++i) {
      GeoContext geo;
      EXPECT_FALSE((*db)->Lookup(IpAddress::V4(0x01010100 | i), geo));
    }
    for (const char* text : {"0.0.0.0", "255.255.255.255", "2.2.2.2", "::1", "1.1.1.1"}) {
      GeoContext geo;
      EXPECT_FALSE((*db)->Lookup(*IpAddress::Parse(text), geo)) << text;
    }
  }
}

TEST(GeoDatabase, OpenErrors) {
  testing::TempDir dir;
  Result<std::unique_ptr<GeoDatabase>> missing = GeoDatabase::Open((dir / "none.mmdb").string());
  EXPECT_EQ(missing.status().code(), ExitCode::kNoInput);
  EXPECT_EQ(GeoDatabase::Open(dir.path().string()).status().code(), ExitCode::kNoInput);
  testing::WriteFile(dir / "text.mmdb", "this is not a MaxMind database\n");
  Result<std::unique_ptr<GeoDatabase>> text = GeoDatabase::Open((dir / "text.mmdb").string());
  EXPECT_EQ(text.status().code(), ExitCode::kDataError);
  EXPECT_NE(text.status().message().find("text.mmdb"), std::string::npos);
  testing::WriteFile(dir / "empty.mmdb", "");
  EXPECT_EQ(GeoDatabase::Open((dir / "empty.mmdb").string()).status().code(), ExitCode::kDataError);
  SECKIT_REQUIRE_CORPUS(real, "mmdb/GeoLite2-City-Test.mmdb");
  const std::string whole = testing::ReadFile(real);
  testing::WriteFile(dir / "cut.mmdb", whole.substr(0, whole.size() / 2));
  EXPECT_EQ(GeoDatabase::Open((dir / "cut.mmdb").string()).status().code(), ExitCode::kDataError);
}

}  // namespace
}  // namespace seckit::ioc_enrich
