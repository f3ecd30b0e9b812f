// LocalFeeds' structured formats: CSV (header names, commented headers, explicit mappings,
// quoting), MISP CSV and JSON exports (the PyMISP corpus event against an independent count),
// and STIX 2.1 bundles.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "local_feeds.h"
#include "local_feeds_test_util.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {
namespace {

TimeNs At(std::string_view rfc3339) { return *ParseRfc3339(rfc3339); }

TEST_F(LocalFeedsTest, CsvColumnsComeFromHeaderNames) {
  LoadOk(Write("export.csv",
               "First Seen,IOC,Type,Tags,Confidence,Reference,Comment\n"
               "2026-01-02T03:04:05Z,198.51.100.9,ip,\"c2|cobalt strike\",80,"
               "https://intel.example/1,\"beacon, seen twice\"\n"
               "2026-01-03,evil.example.com,domain,phishing,55.4,,\n"));
  std::vector<Enrichment> found = Find("198.51.100.9");
  ASSERT_EQ(found.size(), 1u);
  const Enrichment& e = found[0];
  EXPECT_EQ(e.provider, "feed:export.csv");
  EXPECT_EQ(e.verdict, Verdict::kMalicious);
  EXPECT_EQ(e.score, 80);
  EXPECT_EQ(e.tags, (std::vector<std::string>{"c2", "cobalt strike"}));
  EXPECT_EQ(e.first_seen, At("2026-01-02T03:04:05Z"));
  EXPECT_FALSE(e.last_seen.has_value());
  EXPECT_EQ(e.reference, "https://intel.example/1");
  EXPECT_EQ(e.description, "beacon, seen twice");
  found = Find("evil.example.com");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].score, 55);
  EXPECT_EQ(found[0].first_seen, At("2026-01-03T00:00:00Z"));
  EXPECT_TRUE(found[0].reference.empty());
  EXPECT_EQ(BadCount(), 0u) << Messages();
}

// abuse.ch writes its header as a comment and quotes every field.
TEST_F(LocalFeedsTest, CsvCommentedHeaderAsAbuseChWritesIt) {
  LoadOk(Write("urlhaus.csv",
               "################################\n"
               "# abuse.ch URLhaus Database Dump (CSV)\n"
               "#\n"
               "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
               "\"3001\",\"2026-02-01 10:20:30\",\"http://198.51.100.20/bins/x86\",\"online\","
               "\"2026-02-02 00:00:00\",\"malware_download\",\"elf,mirai\","
               "\"https://urlhaus.abuse.ch/url/3001/\",\"someone\"\n"));
  std::vector<Enrichment> found = Find("http://198.51.100.20/bins/x86");
  ASSERT_EQ(found.size(), 1u) << Messages();
  EXPECT_EQ(found[0].tags, (std::vector<std::string>{"elf", "mirai"}));
  EXPECT_EQ(found[0].reference, "https://urlhaus.abuse.ch/url/3001/");
  EXPECT_EQ(found[0].first_seen, At("2026-02-01T10:20:30Z"));
  EXPECT_EQ(found[0].last_seen, At("2026-02-02T00:00:00Z"));
}

TEST_F(LocalFeedsTest, CsvExplicitMappingByNumber) {
  const std::string path = Write("blocklist.csv",
                                 "id;ioc;kind;seen;labels\n"
                                 "1;203.0.113.5;x;2026-03-01;scanner,ssh\n"
                                 "2;203.0.113.6;x;2026-03-02;\n");
  LoadOk("csv:value=2,tags=5,first_seen=4,sep=semicolon:" + path);
  EXPECT_EQ(feeds_.size(), 2u);  // the header row's "ioc" is no indicator: skipped
  std::vector<Enrichment> found = Find("203.0.113.5");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].tags, (std::vector<std::string>{"scanner", "ssh"}));
  EXPECT_EQ(found[0].first_seen, At("2026-03-01T00:00:00Z"));
  EXPECT_EQ(BadCount(), 0u) << Messages();
}

TEST_F(LocalFeedsTest, CsvExplicitMappingByNameAndHeaderless) {
  const std::string named = Write("named.csv",
                                  "observable|threat_level|note\n"
                                  "203.0.113.7|90|from the mapping\n");
  LoadOk("csv:value=observable,score=threat_level,description=note:" + named);
  std::vector<Enrichment> found = Find("203.0.113.7");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].score, 90);
  EXPECT_EQ(found[0].description, "from the mapping");
  const std::string bare = Write("bare.csv", "203.0.113.8,x\n203.0.113.9,y\n");
  LoadOk("csv:value=1,description=2,header=no:" + bare);
  EXPECT_EQ(Find("203.0.113.8").at(0).description, "x");
  EXPECT_EQ(Find("203.0.113.9").at(0).description, "y");
  EXPECT_EQ(Load("csv:value=missing:" + named).code(), ExitCode::kUsage);
}

TEST_F(LocalFeedsTest, CsvTypeColumnSkipsOtherTypesAndRejectsMismatches) {
  const std::string path = Write("otx.csv",
                                 "indicator,type,description\n"
                                 "198.51.100.30,IPv4,a\n"
                                 "dropper.exe,FileName,skipped quietly\n"
                                 "Global\\\\Mutex1,Mutex,skipped quietly\n"
                                 "evil.example.com,IPv4,mismatch\n"
                                 "d41d8cd98f00b204e9800998ecf8427e,FileHash-MD5,md5\n");
  LoadOk(path);
  EXPECT_EQ(feeds_.size(), 2u);
  EXPECT_EQ(BadCount(), 1u);
  EXPECT_NE(Messages().find("unexpected domain-name: \"evil.example.com\" (" + path + ":5)"),
            std::string::npos)
      << Messages();
  EXPECT_NE(Messages().find("note: type \"FileName\""), std::string::npos) << Messages();
  EXPECT_EQ(Find("d41d8cd98f00b204e9800998ecf8427e").size(), 1u);
}

TEST_F(LocalFeedsTest, CsvBadFieldsAreReportedAndTheEntryKept) {
  const std::string path = Write("bad.csv",
                                 "value,score,first_seen\n"
                                 "198.51.100.40,high,yesterday\n"
                                 "198.51.100.41,101,2026-01-01\n"
                                 "not an indicator,50,2026-01-01\n");
  LoadOk(path);
  EXPECT_EQ(feeds_.size(), 2u);
  EXPECT_EQ(BadCount(), 4u) << Messages();
  const std::vector<Enrichment> found = Find("198.51.100.40");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].score.has_value());
  EXPECT_FALSE(found[0].first_seen.has_value());
  EXPECT_NE(Messages().find("score is not a number 0-100: \"high\" (" + path + ":2)"),
            std::string::npos);
  EXPECT_NE(Messages().find("bad first_seen time \"yesterday\" (" + path + ":2)"),
            std::string::npos);
  EXPECT_NE(Messages().find("not an indicator: \"not an indicator\" (" + path + ":4)"),
            std::string::npos);
}

TEST_F(LocalFeedsTest, CsvQuotingAndLineNumbersAcrossQuotedLineBreaks) {
  const std::string path = Write("quoted.csv",
                                 "value,description\n"
                                 "\"198.51.100.50\",\"two\nlines, and \"\"quotes\"\"\"\n"
                                 "\"198.51.100.51\" , spaced\n"
                                 "\"198.51.100.52\"x,after the quote\n"
                                 "bogus,row five\n"
                                 "\"198.51.100.53,never closed\n");
  LoadOk(path);
  EXPECT_EQ(Find("198.51.100.50").at(0).description, "two\nlines, and \"quotes\"");
  EXPECT_EQ(Find("198.51.100.51").at(0).description, "spaced");
  EXPECT_EQ(feeds_.size(), 2u);
  const std::string messages = Messages();
  EXPECT_NE(messages.find("text after a closing quote: \"\"198.51.100.52\"x,after the quote\" (" +
                          path + ":5)"),
            std::string::npos)
      << messages;
  EXPECT_NE(messages.find("(" + path + ":6)"), std::string::npos) << messages;
  EXPECT_NE(messages.find("a quoted field is not closed"), std::string::npos) << messages;
  EXPECT_NE(messages.find("(" + path + ":7)"), std::string::npos) << messages;
}

TEST_F(LocalFeedsTest, CsvWithoutAValueColumnIsAUsageError) {
  const Status status = Load("csv:" + Write("nohead.csv", "a,b\n1,2\n"));
  EXPECT_EQ(status.code(), ExitCode::kUsage);
  EXPECT_NE(status.message().find("csv:value=N:"), std::string::npos) << status.message();
}

TEST_F(LocalFeedsTest, MispCsvExport) {
  LoadOk(Write("misp.csv",
               "uuid,event_id,category,type,value,comment,to_ids,date,object_relation,"
               "attribute_tag,object_uuid,object_name,object_meta_category\n"
               "\"u1\",7,\"Network activity\",\"ip-dst\",\"198.51.100.60\",\"C2\",1,1700000000,"
               "\"\",\"tlp:green,apt\",\"\",\"\",\"\"\n"
               "\"u2\",7,\"Network activity\",\"domain|ip\",\"c2.example.com|198.51.100.61\",\"\","
               "1,1700000000,\"\",\"\",\"\",\"\",\"\"\n"
               "\"u3\",7,\"Payload delivery\",\"filename|sha256\",\"x.exe|"
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"\",1,"
               "1700000000,\"\",\"\",\"\",\"\",\"\"\n"
               "\"u4\",7,\"Network activity\",\"domain\",\"cdn.example.org\",\"shared host\",0,"
               "1700000000,\"\",\"\",\"\",\"\",\"\"\n"
               "\"u5\",7,\"Other\",\"text\",\"see evil.example.net\",\"\",1,1700000000,\"\","
               "\"\",\"\",\"\",\"\"\n"));
  EXPECT_EQ(feeds_.size(), 5u);
  std::vector<Enrichment> found = Find("198.51.100.60");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].description, "C2");
  EXPECT_EQ(found[0].tags, (std::vector<std::string>{"tlp:green", "apt"}));
  EXPECT_EQ(found[0].first_seen, 1700000000 * kNsPerSecond);
  EXPECT_EQ(Find("c2.example.com").size(), 1u);
  EXPECT_EQ(Find("198.51.100.61").size(), 1u);
  EXPECT_EQ(Find("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").size(), 1u);
  EXPECT_EQ(Find("cdn.example.org").at(0).verdict, Verdict::kSuspicious);
  EXPECT_TRUE(Find("evil.example.net").empty());
  EXPECT_EQ(BadCount(), 0u) << Messages();
}

TEST_F(LocalFeedsTest, MispCsvWithoutHeaderUsesMispsColumnOrder) {
  LoadOk("misp-csv:" + Write("rows.csv",
                             "u1,7,Network activity,hostname,h.example.com,,1,"
                             "1700000000,,x,,,\n"));
  std::vector<Enrichment> found = Find("h.example.com");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].tags, (std::vector<std::string>{"x"}));
}

// What the PyMISP fixture should give, counted straight from its JSON.
struct MispExpectation {
  size_t entries = 0;
  std::set<std::string> values;
};

MispExpectation CountMispEvent(const std::filesystem::path& path) {
  static const std::set<std::string> kTypes = {"ip-dst", "ip-src", "domain", "hostname", "url",
                                               "md5",    "sha1",   "sha256", "email"};
  std::ifstream in(path);
  const nlohmann::json event = nlohmann::json::parse(in);
  MispExpectation out;
  auto count = [&](const nlohmann::json& attribute) {
    if (kTypes.count(attribute.at("type").get<std::string>()) == 0) return;
    ++out.entries;
    out.values.insert(attribute.at("value").get<std::string>());
  };
  for (const nlohmann::json& a : event.at("Attribute")) count(a);
  for (const nlohmann::json& o : event.at("Object")) {
    for (const nlohmann::json& a : o.at("Attribute")) count(a);
  }
  return out;
}

TEST_F(LocalFeedsTest, MispJsonCorpusEvent) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/misp_event_existing_pymisp.json");
  LoadOk(path.string());
  const MispExpectation expected = CountMispEvent(path);
  ASSERT_GT(expected.entries, 40u);
  EXPECT_EQ(feeds_.size(), expected.entries);
  for (const std::string& value : expected.values) EXPECT_FALSE(Find(value).empty()) << value;
  EXPECT_EQ(BadCount(), 0u) << Messages();

  std::vector<Enrichment> found = Find("movieultimate.com");
  ASSERT_EQ(found.size(), 1u);
  const Enrichment& e = found[0];
  EXPECT_EQ(e.provider, "feed:misp_event_existing_pymisp.json");
  EXPECT_EQ(e.description, "OSINT - Sednit update: How Fancy Bear Spent the Year: Xagent Samples");
  EXPECT_EQ(e.reference,
            "https://www.welivesecurity.com/2017/12/21/sednit-update-fancy-bear-spent-year/");
  EXPECT_EQ(e.first_seen, At("2017-12-21T00:00:00Z"));
  EXPECT_NE(std::find(e.tags.begin(), e.tags.end(), "tlp:white"), e.tags.end());
  EXPECT_EQ(e.verdict, Verdict::kMalicious);
  // An object's comment stands in for its attributes' empty ones.
  EXPECT_EQ(Find("68064fc152e23d56e541714af52651cb4ba81aaf").at(0).description,
            "OSINT - Sednit update: How Fancy Bear Spent the Year: Win32/Sednit.AX");
  // Listed by two objects: two entries.
  EXPECT_EQ(Find("87.236.211.182").size(), 2u);
  // Text, filename and link attributes are not indicators: counted in notes, not loaded.
  EXPECT_NE(Messages().find("MISP attribute type \"filename\""), std::string::npos);
}

TEST_F(LocalFeedsTest, MispJsonEventIndexHasNoAttributes) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/misp_events_index_pymisp.json");
  LoadOk(path.string());
  EXPECT_EQ(feeds_.size(), 0u);
  EXPECT_EQ(BadCount(), 0u);
}

TEST_F(LocalFeedsTest, MispJsonWrappersAsTheRestSearchReturnsThem) {
  const std::string event =
      R"({"info":"Campaign X","date":"2026-04-01","Tag":[{"name":"tlp:amber"}],)"
      R"("Attribute":[{"type":"ip-src","value":"198.51.100.70","to_ids":"0","uuid":"a1",)"
      R"("Tag":[{"name":"scanner"}],"first_seen":"2026-04-02T00:00:00+00:00"},)"
      R"({"type":"domain","value":"gone.example.com","deleted":true},)"
      R"({"type":"ip-dst|port","value":"198.51.100.71|8443","to_ids":true},)"
      R"({"type":"domain","value":"not a domain","uuid":"bad-one"}]})";
  const std::vector<std::string> wrappers = {
      R"({"Event":)" + event + "}",
      "[{\"Event\":" + event + "}]",
      R"({"response":[{"Event":)" + event + "}]}",
  };
  for (size_t i = 0; i < wrappers.size(); ++i) {
    LocalFeeds feeds;
    const std::string path = Write("event" + std::to_string(i) + ".json", wrappers[i]);
    ASSERT_TRUE(feeds.Load(path, diag_.diag()).ok()) << wrappers[i];
    feeds.Finish();
    EXPECT_EQ(feeds.size(), 2u) << wrappers[i];
    std::vector<Enrichment> found;
    feeds.Lookup(*Classify("198.51.100.70"), found);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].verdict, Verdict::kSuspicious);
    EXPECT_EQ(found[0].tags, (std::vector<std::string>{"tlp:amber", "scanner"}));
    EXPECT_EQ(found[0].first_seen, At("2026-04-02T00:00:00Z"));
    EXPECT_EQ(found[0].description, "Campaign X");
    EXPECT_NE(Messages().find(path + ", attribute bad-one"), std::string::npos) << Messages();
  }
  LoadOk(Write("attributes.json",
               R"({"response":{"Attribute":[{"type":"url","value":"http://x.example.com/a",)"
               R"("Event":{"info":"Searched","date":"2026-05-01"}}]}})"));
  std::vector<Enrichment> found = Find("http://x.example.com/a");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].description, "Searched");
  EXPECT_EQ(found[0].first_seen, At("2026-05-01T00:00:00Z"));
}

TEST_F(LocalFeedsTest, StixBundle) {
  const std::string path = Write("bundle.json", R"json({
  "type": "bundle", "id": "bundle--1",
  "objects": [
    {"type": "identity", "id": "identity--1", "name": "ignored"},
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--ip",
     "created": "2026-01-01T00:00:00.000Z", "valid_from": "2026-01-02T00:00:00Z",
     "name": "C2 server", "description": "seen in campaign Y",
     "indicator_types": ["malicious-activity"], "labels": ["apt-y"], "confidence": 85,
     "external_references": [{"source_name": "blog", "url": "https://intel.example/y"}],
     "pattern_type": "stix", "pattern": "[ipv4-addr:value = '198.51.100.80']"},
    {"type": "indicator", "id": "indicator--or", "created": "2026-01-03T00:00:00Z",
     "pattern_type": "stix",
     "pattern": "[domain-name:value = 'c2.example.com' OR url:value = 'http://c2.example.com/x'] OR ([file:name = 'a.exe' OR file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'])"},
    {"type": "indicator", "id": "indicator--md5", "pattern_type": "stix",
     "indicator_types": ["benign"],
     "pattern": "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"},
    {"type": "indicator", "id": "indicator--net", "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = '203.0.113.0/24'] OR [ipv6-addr:value = '2001:db8::bad']"},
    {"type": "indicator", "id": "indicator--escaped", "pattern_type": "stix",
     "pattern": "[url:value = 'http://q.example.com/it\\'s']"},
    {"type": "indicator", "id": "indicator--and", "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = '198.51.100.81' AND network-traffic:dst_port = 443]"},
    {"type": "indicator", "id": "indicator--within", "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = '198.51.100.82'] WITHIN 600 SECONDS"},
    {"type": "indicator", "id": "indicator--like", "pattern_type": "stix",
     "pattern": "[domain-name:value LIKE '%.example.com']"},
    {"type": "indicator", "id": "indicator--yara", "pattern_type": "yara",
     "pattern": "rule x { condition: true }"},
    {"type": "indicator", "id": "indicator--revoked", "revoked": true, "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = '198.51.100.83']"},
    {"type": "indicator", "id": "indicator--name-only", "pattern_type": "stix",
     "pattern": "[file:name = 'evil.exe']"},
    {"type": "indicator", "id": "indicator--broken", "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = '198.51.100.84'"},
    {"type": "indicator", "id": "indicator--mismatch", "pattern_type": "stix",
     "pattern": "[ipv4-addr:value = 'evil.example.com']"}
  ]})json");
  LoadOk(path);
  EXPECT_EQ(feeds_.size(), 8u);
  std::vector<Enrichment> found = Find("198.51.100.80");
  ASSERT_EQ(found.size(), 1u);
  const Enrichment& e = found[0];
  EXPECT_EQ(e.provider, "feed:bundle.json");
  EXPECT_EQ(e.description, "C2 server: seen in campaign Y");
  EXPECT_EQ(e.tags, (std::vector<std::string>{"apt-y", "malicious-activity"}));
  EXPECT_EQ(e.first_seen, At("2026-01-02T00:00:00Z"));
  EXPECT_EQ(e.score, 85);
  EXPECT_EQ(e.reference, "https://intel.example/y");
  EXPECT_EQ(e.verdict, Verdict::kMalicious);
  EXPECT_EQ(Find("c2.example.com").at(0).first_seen, At("2026-01-03T00:00:00Z"));
  EXPECT_EQ(Find("http://c2.example.com/x").size(), 1u);
  EXPECT_EQ(Find("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").size(), 1u);
  EXPECT_EQ(Find("d41d8cd98f00b204e9800998ecf8427e").at(0).verdict, Verdict::kBenign);
  EXPECT_EQ(Find("203.0.113.99").at(0).matched_entry, "203.0.113.0/24");
  EXPECT_EQ(Find("2001:db8::bad").size(), 1u);
  EXPECT_EQ(Find("http://q.example.com/it's").size(), 1u);
  for (const char* skipped : {"198.51.100.81", "198.51.100.82", "198.51.100.83"}) {
    EXPECT_TRUE(Find(skipped).empty()) << skipped;
  }
  EXPECT_EQ(BadCount(), 2u) << Messages();
  const std::string messages = Messages();
  EXPECT_NE(messages.find("bad STIX pattern"), std::string::npos) << messages;
  EXPECT_NE(messages.find("(" + path + ", indicator--broken)"), std::string::npos) << messages;
  EXPECT_NE(messages.find("unexpected domain-name: \"evil.example.com\" (" + path +
                          ", indicator--mismatch)"),
            std::string::npos)
      << messages;
  for (const char* id : {"indicator--and", "indicator--within", "indicator--like",
                         "indicator--yara", "indicator--revoked", "indicator--name-only"}) {
    EXPECT_NE(messages.find(path + ", " + id + ")"), std::string::npos) << id << "\n" << messages;
  }
  EXPECT_NE(messages.find("6 entries skipped in all"), std::string::npos) << messages;
}

// Random text made of the characters the readers care about: every reader must take it without
// crashing (run under -DSECKIT_SANITIZE=ON to see more), reporting what it cannot read.
TEST_F(LocalFeedsTest, HostileTextNeverCrashesAReader) {
  static constexpr std::string_view kAlphabet = "\",;|\t\n\r# []()'=:/.\\a1fF-ORAND";
  std::mt19937_64 rng(99);
  diag_.diag().set_verbose(false);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const size_t length = rng() % 400;
    for (size_t i = 0; i < length; ++i) text.push_back(kAlphabet[rng() % kAlphabet.size()]);
    const std::string path = Write("hostile" + std::to_string(round % 3), text);
    for (const char* format : {"plain:", "csv:value=1,tags=2:", "misp-csv:"}) {
      LocalFeeds feeds;
      (void)feeds.Load(format + path, diag_.diag());
      feeds.Finish();
    }
    const std::string bundle = nlohmann::json{
        {"type", "bundle"},
        {"objects", {{{"type", "indicator"}, {"id", "indicator--x"}, {"pattern", text}}}}}.dump();
    LocalFeeds feeds;
    (void)feeds.Load("stix:" + Write("hostile.json", bundle), diag_.diag());
  }
  SUCCEED();
}

}  // namespace
}  // namespace seckit::ioc_enrich
