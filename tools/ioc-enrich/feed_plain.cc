// Plain indicator lists (maltrail, ipsum, signature-base, hand-kept lists): one indicator a
// line, read by libcommon's ParseFeedLine; what else the line says becomes the description.
#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#include "feed_reader.h"

namespace seckit::ioc_enrich::feeds {
namespace {

// Lines parsed at a time: enough to keep every thread busy, little memory.
constexpr size_t kBatch = size_t{1} << 16;
// Below this many lines a thread costs more than it saves.
constexpr size_t kMinParallel = 4096;
constexpr unsigned kMaxThreads = 8;

// Runs body(begin, end) over [0, n) in `threads` contiguous parts, one of them on this thread.
template <typename Body>
void ParallelRanges(size_t n, unsigned threads, const Body& body) {
  if (threads <= 1 || n < kMinParallel) {
    body(size_t{0}, n);
    return;
  }
  const size_t part = (n + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (size_t begin = part; begin < n; begin += part) {
    workers.emplace_back([&body, begin, end = std::min(n, begin + part)] { body(begin, end); });
  }
  body(size_t{0}, std::min(n, part));
  for (std::thread& worker : workers) worker.join();
}

// Splits off up to kBatch lines (without "\r\n") from the front of `text`.
void NextLines(std::string_view& text, std::vector<std::string_view>& lines) {
  lines.clear();
  while (!text.empty() && lines.size() < kBatch) {
    const char* eol = static_cast<const char*>(std::memchr(text.data(), '\n', text.size()));
    const size_t length = eol == nullptr ? text.size() : static_cast<size_t>(eol - text.data());
    std::string_view line = text.substr(0, length);
    text.remove_prefix(eol == nullptr ? text.size() : length + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
}

}  // namespace

Status LoadPlain(std::string_view text, FeedSink& sink) {
  // Classify (public-suffix checks above all) is most of the cost and lines are independent, so
  // large lists are parsed on several threads; entries are still added, and bad lines reported,
  // in file order on this one.
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
  sink.Reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1, text.size());
  std::vector<std::string_view> lines;
  std::vector<FeedLine> parsed;
  uint64_t number = 0;
  while (!text.empty()) {
    NextLines(text, lines);
    parsed.resize(lines.size());
    ParallelRanges(lines.size(), threads, [&lines, &parsed](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) parsed[i] = ParseFeedLine(lines[i]);
    });
    for (size_t i = 0; i < lines.size(); ++i) {
      ++number;
      const FeedLine& entry = parsed[i];
      if (entry.blank) continue;
      if (!entry.indicator) {
        // maltrail lists request paths ("/gate.php") it matches in HTTP traffic; they are valid
        // trails that name no host, so they are skipped, not reported as bad.
        if (TrimBlanks(lines[i]).front() == '/') {
          sink.Skip("a URL path without a host; only whole URLs are matched", sink.At(number));
          continue;
        }
        SECKIT_RETURN_IF_ERROR(sink.Bad("not an indicator: " + Quoted(lines[i]), sink.At(number)));
        continue;
      }
      EntryMeta meta;
      meta.description = entry.note;
      SECKIT_RETURN_IF_ERROR(sink.Add(*entry.indicator, meta));
    }
  }
  return Status::Ok();
}

}  // namespace seckit::ioc_enrich::feeds
