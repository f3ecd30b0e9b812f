// RecordView: Zeek JSON logs and Suricata eve.json read through ECS names (fixtures written by
// hand from the Zeek and Suricata documentation's examples), and ECS records as they are.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "record_view.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/records.h"
#include "test_support.h"

namespace seckit::triage_report {
namespace {

struct Seen {
  std::map<std::string, std::string> fields;
  std::optional<TimeNs> time;
  SourceFormat format;
};

const char* const kFields[] = {"event.module",      "event.dataset",          "event.kind",
                               "event.severity",    "source.ip",              "source.port",
                               "destination.ip",    "destination.port",       "network.transport",
                               "dns.question.name", "dns.question.type",      "url.domain",
                               "url.original",      "http.request.method",    "user_agent.original",
                               "tls.client.server_name", "tls.client.ja3",    "rule.name",
                               "rule.id",           "source.bytes",           "destination.bytes",
                               "http.response.status_code", "message",        "dns.answers.data",
                               "event.id"};

std::vector<Seen> ReadAll(const std::string& fixture) {
  const std::string path = std::string(SECKIT_SOURCE_DIR) + "/tests/tools/triage-report/fixtures/" + fixture;
  auto in = OpenInput(path);
  EXPECT_TRUE(in.ok()) << in.status().message();
  Diagnostics diag("test");
  JsonLinesReader reader(**in, diag);
  JsonRecord record;
  std::vector<Seen> out;
  FieldIndex index;
  while (reader.Next(record)) {
    RecordView view(record, index);
    Seen s{{}, view.time(), view.format()};
    for (const char* f : kFields) {
      std::string text;
      if (view.Text(Field::Of(f), text)) s.fields[f] = text;
    }
    out.push_back(std::move(s));
  }
  EXPECT_EQ(reader.bad_lines(), 0u);
  return out;
}

TEST(TriageZeekMapping, ConnLog) {
  std::vector<Seen> r = ReadAll("zeek_conn.log");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].format, SourceFormat::kZeek);
  EXPECT_EQ(r[1].fields["event.dataset"], "zeek.conn");
  EXPECT_EQ(r[1].fields["event.module"], "zeek");
  EXPECT_EQ(r[1].fields["source.ip"], "192.168.4.76");
  EXPECT_EQ(r[1].fields["source.port"], "46378");
  EXPECT_EQ(r[1].fields["destination.ip"], "31.3.245.133");
  EXPECT_EQ(r[1].fields["destination.port"], "80");
  EXPECT_EQ(r[1].fields["network.transport"], "tcp");
  EXPECT_EQ(r[1].fields["source.bytes"], "77");
  EXPECT_EQ(r[1].fields["destination.bytes"], "295");
  EXPECT_EQ(r[1].fields["event.id"], "C5bLoe2Mvxqhawzqqd");
  ASSERT_TRUE(r[1].time);
  EXPECT_EQ(FormatRfc3339(*r[1].time, 6), "2020-06-05T14:39:59.430166Z");  // tcpdump shows 14:39:59.430166
}

TEST(TriageZeekMapping, DnsHttpSslAndNotice) {
  std::vector<Seen> dns = ReadAll("zeek_dns.log");
  ASSERT_EQ(dns.size(), 2u);
  EXPECT_EQ(dns[1].fields["event.dataset"], "zeek.dns");
  EXPECT_EQ(dns[1].fields["dns.question.name"], "testmyids.com");
  EXPECT_EQ(dns[1].fields["dns.question.type"], "A");
  EXPECT_EQ(dns[1].fields["dns.answers.data"], "31.3.245.133");
  std::vector<Seen> http = ReadAll("zeek_http.log");
  ASSERT_EQ(http.size(), 1u);
  EXPECT_EQ(http[0].fields["event.dataset"], "zeek.http");
  EXPECT_EQ(http[0].fields["url.domain"], "testmyids.com");
  EXPECT_EQ(http[0].fields["url.original"], "/");
  EXPECT_EQ(http[0].fields["http.request.method"], "GET");
  EXPECT_EQ(http[0].fields["http.response.status_code"], "200");
  EXPECT_EQ(http[0].fields["user_agent.original"], "curl/7.47.0");
  std::vector<Seen> ssl = ReadAll("zeek_ssl.log");
  ASSERT_EQ(ssl.size(), 2u);
  EXPECT_EQ(ssl[0].fields["event.dataset"], "zeek.ssl");
  EXPECT_EQ(ssl[0].fields["tls.client.server_name"], "www.taosecurity.com");
  ASSERT_TRUE(ssl[0].time);  // ISO 8601 ts (LogAscii::json_timestamps = JSON::TS_ISO8601)
  EXPECT_EQ(FormatRfc3339(*ssl[0].time, 6), "2020-06-05T14:40:01.123456Z");
  EXPECT_EQ(ssl[1].fields["event.dataset"], "zeek.notice");
  EXPECT_EQ(ssl[1].fields["event.kind"], "alert");
  EXPECT_EQ(ssl[1].fields["rule.name"], "SSL::Invalid_Server_Cert");
  EXPECT_EQ(ssl[1].fields["destination.port"], "443");
}

TEST(TriageSuricataMapping, EveAlertFlowDnsHttpTls) {
  std::vector<Seen> r = ReadAll("suricata_eve.json");
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].format, SourceFormat::kSuricata);
  EXPECT_EQ(r[0].fields["event.dataset"], "suricata.alert");
  EXPECT_EQ(r[0].fields["event.kind"], "alert");
  EXPECT_EQ(r[0].fields["event.severity"], "47");  // alert.severity 2
  EXPECT_EQ(r[1].fields["event.severity"], "73");  // alert.severity 1
  EXPECT_EQ(r[0].fields["rule.name"],
            "ET HUNTING GENERIC SUSPICIOUS POST to Dotted Quad with Fake Browser 1");
  EXPECT_EQ(r[0].fields["rule.id"], "2018358");
  EXPECT_EQ(r[0].fields["source.ip"], "192.168.2.14");
  EXPECT_EQ(r[0].fields["destination.port"], "80");
  ASSERT_TRUE(r[0].time);  // +0100: one hour ahead of UTC
  EXPECT_EQ(FormatRfc3339(*r[0].time, 6), "2017-04-07T21:24:37.251547Z");
  EXPECT_EQ(r[2].fields["event.dataset"], "suricata.flow");
  EXPECT_EQ(r[2].fields["event.kind"], "event");
  EXPECT_EQ(r[2].fields["source.bytes"], "1008");
  EXPECT_EQ(r[2].fields["destination.bytes"], "1600");
  EXPECT_EQ(r[3].fields["dns.question.name"], "suricata-ids.org");
  EXPECT_EQ(r[4].fields["dns.question.name"], "v3.example.net");  // eve version 3: dns.queries[]
  EXPECT_EQ(r[4].fields["dns.question.type"], "AAAA");
  EXPECT_EQ(r[5].fields["url.domain"], "209.53.113.5");
  EXPECT_EQ(r[5].fields["http.request.method"], "POST");
  EXPECT_EQ(r[5].fields["http.response.status_code"], "200");
  EXPECT_EQ(r[6].fields["tls.client.server_name"], "www.example.com");
  EXPECT_EQ(r[6].fields["tls.client.ja3"], "e7d705a3286e19ea42f587b344ee6865");
}

TEST(TriageEcsRecords, ReadAsTheyAre) {
  std::vector<Seen> r = ReadAll("new_tools.jsonl");
  ASSERT_GE(r.size(), 2u);
  EXPECT_EQ(r[0].format, SourceFormat::kEcs);
  EXPECT_EQ(r[0].fields["event.dataset"], "anomaly.alert");
  EXPECT_EQ(r[0].fields["event.severity"], "47");
  EXPECT_EQ(r[0].fields["source.ip"], "198.51.100.7");
  ASSERT_TRUE(r[0].time);
  EXPECT_EQ(FormatRfc3339(*r[0].time, 6), "2026-11-24T10:00:04.400000Z");
}

}  // namespace
}  // namespace seckit::triage_report
