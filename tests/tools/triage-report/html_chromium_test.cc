// The HTML report opened in real headless Chromium over the DevTools protocol: no console message,
// no network request, nothing executable from field values, the planted incidents listed; a
// screenshot is saved under the build directory. A control page proves the watch can see both a
// console error and a request.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "devtools_pipe.h"
#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;
using testing::DevToolsPipe;

// What a page did while it loaded, as the browser reported it.
struct PageVisit {
  std::vector<std::string> requests;  // every URL requested besides the page itself
  std::vector<std::string> console;   // console API calls, exceptions and error log entries
  json checks;                        // the value of the evaluated expression
  std::string screenshot;             // PNG bytes
};

PageVisit Visit(DevToolsPipe& browser, const std::string& url, const std::string& expression) {
  PageVisit visit;
  json target = browser.Call("Target.createTarget", {{"url", "about:blank"}});
  EXPECT_FALSE(target.contains("error")) << target.dump();
  json attached = browser.Call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}});
  const std::string session = attached.value("sessionId", "");
  EXPECT_FALSE(session.empty()) << attached.dump();
  for (const char* domain : {"Network.enable", "Runtime.enable", "Log.enable", "Page.enable"}) {
    browser.Call(domain, json::object(), session);
  }
  const size_t first_event = browser.events().size();
  browser.Call("Page.navigate", {{"url", url}}, session);
  EXPECT_TRUE(browser.WaitFor("Page.loadEventFired", 30'000)) << "page did not load";
  browser.WaitFor("(none)", 1000);  // late requests and messages
  json value = browser.Call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}}, session);
  visit.checks = value["result"]["value"];
  json shot = browser.Call("Page.captureScreenshot", {{"format", "png"}, {"captureBeyondViewport", true}}, session);
  visit.screenshot = testing::DecodeBase64(shot.value("data", ""));
  for (size_t i = first_event; i < browser.events().size(); ++i) {
    const json& e = browser.events()[i];
    if (e.value("sessionId", "") != session) continue;
    const std::string method = e["method"];
    if (method == "Network.requestWillBeSent") {
      const std::string requested = e["params"]["request"]["url"];
      if (requested != url) visit.requests.push_back(requested);
    } else if (method == "Runtime.consoleAPICalled" || method == "Runtime.exceptionThrown") {
      visit.console.push_back(e["params"].dump());
    } else if (method == "Log.entryAdded") {
      const std::string level = e["params"]["entry"]["level"];
      if (level == "error" || level == "warning") visit.console.push_back(e["params"].dump());
    }
  }
  browser.Call("Target.closeTarget", {{"targetId", target["targetId"]}});
  return visit;
}

constexpr const char* kHostile = R"(<script>alert("x")</script> & 'q' <img src="http://127.0.0.1:9/p.png">)";

TEST(TriageReportHtml, OpensCleanInChromiumAndListsThePlantedIncidents) {
  if (!testing::HaveProgram("chromium")) GTEST_SKIP() << "chromium is not installed";
  testing::TempDir dir;
  const std::string missing = testing::BuildSamplesIncident(dir.path());
  if (!missing.empty()) GTEST_SKIP() << missing;
  // anomaly-detect's alerts in the agreed shape (hand-written until it lands), and one whose
  // fields hold markup, quotes and ampersands.
  json hostile = {{"@timestamp", "2026-11-24T10:30:00Z"},
                  {"event", {{"kind", "alert"}, {"module", "anomaly-detect"}, {"dataset", "anomaly.alert"}, {"severity", 73}}},
                  {"rule", {{"id", "hostile"}, {"name", kHostile}}},
                  {"source", {{"ip", "203.0.113.66"}}},
                  {"message", kHostile}};
  testing::WriteFile(dir / "hostile.jsonl", hostile.dump() + "\n");
  std::vector<std::string> args = {"-o", (dir / "report.html").string(), "--title", std::string("Case <b>&</b> \"7\""),
                                   testing::Fixture("new_tools.jsonl"), (dir / "hostile.jsonl").string()};
  for (const std::string& f : testing::IncidentFiles(dir.path())) args.push_back(f);
  testing::CommandResult r = testing::Triage(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = testing::ReadFile(dir / "report.html");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("src=\""), std::string::npos);  // no attribute that could fetch
  EXPECT_EQ(html.find("href=\""), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"), std::string::npos);

  const std::filesystem::path profile = dir / "profile";
  auto browser = DevToolsPipe::Launch("chromium", profile.string());
  ASSERT_NE(browser, nullptr);
  PageVisit visit = Visit(*browser, "file://" + (dir / "report.html").string(), R"(({
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg').length,
      title: document.title,
      findings: Array.from(document.querySelectorAll('.finding h3')).map(h => h.innerText),
      text: document.body.innerText}))");
  EXPECT_TRUE(visit.requests.empty()) << visit.requests.front();
  EXPECT_TRUE(visit.console.empty()) << visit.console.front();
  EXPECT_EQ(visit.checks["scripts"], 0);
  EXPECT_EQ(visit.checks["images"], 0);
  EXPECT_GE(visit.checks["svgs"].get<int>(), 5);  // the histogram and four top-N charts
  EXPECT_EQ(visit.checks["title"], "Case <b>&</b> \"7\"");
  const std::string text = visit.checks["text"];
  EXPECT_NE(text.find(kHostile), std::string::npos) << "the hostile value is shown as text";
  std::string findings;
  for (const auto& f : visit.checks["findings"]) findings += f.get<std::string>() + "\n";
  for (const char* planted : {"DNS tunnelling", "SSH brute force", "Beaconing", "Port scan",
                              "Listed indicator 198.51.100.7", "Listed indicator 203.0.113.66",
                              "Listed indicator cdn-update.example.net",
                              "Deleted file /home/deploy/.cache/update.sh recovered with YARA matches"}) {
    EXPECT_NE(findings.find(planted), std::string::npos) << planted << " not in:\n" << findings;
  }
  EXPECT_EQ(findings.rfind("critical", 0), 0u) << "most severe first";
  ASSERT_GT(visit.screenshot.size(), 1000u);
  EXPECT_EQ(visit.screenshot.substr(1, 3), "PNG");
  const std::filesystem::path shots = std::filesystem::path(SECKIT_BINARY_DIR) / "test-artifacts";
  std::filesystem::create_directories(shots);
  std::ofstream(shots / "triage-report.png", std::ios::binary) << visit.screenshot;

  // The control: the same watch sees a request and a console error on a page that makes them.
  testing::WriteFile(dir / "control.html",
                     "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\">"
                     "<script>console.error('control')</script></body></html>");
  PageVisit control = Visit(*browser, "file://" + (dir / "control.html").string(), "1");
  EXPECT_EQ(control.requests.size(), 1u);
  EXPECT_FALSE(control.console.empty());
}

}  // namespace
}  // namespace seckit
