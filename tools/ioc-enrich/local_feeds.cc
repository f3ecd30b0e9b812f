// LocalFeeds: reading a --feed into the store with the reader its format needs, and the lookup
// rules (exact, containing networks, parent domains, scheme-less URLs) over the index.
#include "local_feeds.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>

#include "feed_detect.h"
#include "feed_index.h"
#include "feed_reader.h"
#include "feed_spec.h"
#include "feed_store.h"
#include "seckit/input.h"
#include "seckit/ip.h"

namespace seckit::ioc_enrich {

using feeds::FeedFormat;
using feeds::FeedIndex;

struct LocalFeeds::Tables {
  feeds::FeedStore store;
  FeedIndex index;
  bool built = false;
};

namespace {

// The whole (decompressed) file, with simdjson's padding allocated past its end.
Result<std::string> ReadWhole(const std::string& path) {
  Result<std::unique_ptr<InputSource>> opened = OpenInput(path);
  if (!opened.ok()) return opened.status();
  InputSource& source = *opened.value();
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kRoom = kChunk + simdjson::SIMDJSON_PADDING;
  std::string data(source.raw_size() + kRoom, '\0');
  size_t size = 0;
  for (;;) {
    if (data.size() - size < kRoom) data.resize(std::max(2 * data.size(), size + kRoom));
    Result<size_t> n = source.Read(data.data() + size, kChunk);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    size += *n;
  }
  data.resize(size);  // shrinking keeps the capacity, so the padding stays allocated
  return data;
}

// Parses a JSON feed and runs the reader its format (given or detected) needs.
Status LoadJson(const std::string& content, FeedFormat format, feeds::FeedSink& sink) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const simdjson::error_code error =
          parser.parse(content.data(), content.size(), false).get(root)) {
    return Status::DataError(sink.file() + ": not valid JSON: " + simdjson::error_message(error));
  }
  if (format == FeedFormat::kDetect) {
    const std::optional<FeedFormat> detected = feeds::DetectJsonFormat(root);
    if (!detected) {
      return Status::DataError(sink.file() +
                               ": JSON that is neither a STIX bundle nor a MISP export; name "
                               "the format (--feed stix:FILE or misp-json:FILE)");
    }
    format = *detected;
  }
  return format == FeedFormat::kStix ? feeds::LoadStix(root, sink)
                                     : feeds::LoadMispJson(root, sink);
}

}  // namespace

LocalFeeds::LocalFeeds() : tables_(std::make_unique<Tables>()) {}
LocalFeeds::~LocalFeeds() = default;
LocalFeeds::LocalFeeds(LocalFeeds&&) noexcept = default;
LocalFeeds& LocalFeeds::operator=(LocalFeeds&&) noexcept = default;

Status LocalFeeds::Load(const std::string& spec_text, Diagnostics& diag) {
  Result<feeds::FeedSpec> spec = feeds::ParseFeedSpec(spec_text);
  if (!spec.ok()) return spec.status();
  Result<std::string> content = ReadWhole(spec->path);
  if (!content.ok()) return content.status();
  std::string_view text = content.value();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  FeedFormat format = spec->format;
  if (format == FeedFormat::kDetect) format = feeds::DetectTextFormat(text);
  const std::optional<uint16_t> feed =
      tables_->store.AddFeed("feed:" + std::filesystem::path(spec->path).filename().string());
  if (!feed) return Status::Usage("too many feeds");
  feeds::FeedSink sink(tables_->store, *feed, spec->path, diag);
  tables_->built = false;
  Status status;
  switch (format) {
    case FeedFormat::kPlain:
      status = feeds::LoadPlain(text, sink);
      break;
    case FeedFormat::kCsv:
      status = feeds::LoadCsv(text, spec->csv, sink);
      break;
    case FeedFormat::kMispCsv:
      status = feeds::LoadMispCsv(text, sink);
      break;
    case FeedFormat::kDetect:  // JSON, format still to be detected
    case FeedFormat::kMispJson:
    case FeedFormat::kStix:
      if (text.size() != content->size()) content.value().erase(0, 3);
      status = LoadJson(content.value(), format, sink);
      break;
  }
  sink.Finish();
  return status;
}

void LocalFeeds::Finish() {
  tables_->index.Build(tables_->store);
  tables_->built = true;
}

size_t LocalFeeds::size() const { return tables_->store.size(); }

void LocalFeeds::Lookup(const Indicator& indicator, std::vector<Enrichment>& out) const {
  const Tables& t = *tables_;
  if (!t.built) return;
  const std::string_view value = indicator.value;
  // Every entry of a chain of type `type`, with `matched` as matched_entry.
  auto add = [&](uint32_t id, IndicatorType type, std::string_view matched) {
    for (; id != FeedIndex::kNone; id = t.index.next(id)) {
      if (t.store.entry(id).type == type) out.push_back(t.store.MakeEnrichment(id, matched));
    }
  };
  // Every listed network containing the prefix `address`/`prefix_len`, most specific first.
  auto add_networks = [&](const IpAddress& address, int prefix_len, std::string_view exact) {
    for (uint32_t n = t.index.FindNetwork(address); n != FeedIndex::kNone;
         n = t.index.network(n).parent) {
      const FeedIndex::Network& network = t.index.network(n);
      if (network.cidr.prefix_len() > prefix_len) continue;
      const std::string_view listed = t.store.Value(network.first_entry);
      add(network.first_entry, IndicatorType::kCidr, listed == exact ? "" : listed);
    }
  };
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      add(t.index.FindExact(t.store, value), indicator.type, {});
      if (!t.index.has_networks()) return;
      if (const std::optional<IpAddress> address = IpAddress::Parse(value)) {
        add_networks(*address, address->bit_width(), {});
      }
      return;
    }
    case IndicatorType::kCidr: {
      const std::optional<Cidr> cidr = Cidr::Parse(value);
      if (!cidr) return;
      if (cidr->IsHost()) {
        const std::string address = cidr->network().ToString();
        add(t.index.FindExact(t.store, address),
            cidr->is_v4() ? IndicatorType::kIpv4 : IndicatorType::kIpv6, value);
      }
      add_networks(cidr->network(), cidr->prefix_len(), value);
      return;
    }
    case IndicatorType::kDomain: {
      add(t.index.FindExact(t.store, value), indicator.type, {});
      for (size_t dot = value.find('.'); dot != std::string_view::npos;
           dot = value.find('.', dot + 1)) {
        const std::string_view parent = value.substr(dot + 1);
        if (parent.find('.') == std::string_view::npos) break;  // a top-level domain alone
        add(t.index.FindExact(t.store, parent), IndicatorType::kDomain, parent);
      }
      return;
    }
    case IndicatorType::kUrl: {
      add(t.index.FindExact(t.store, value), indicator.type, {});
      const size_t scheme = value.find("://");
      if (scheme != std::string_view::npos) {
        const std::string_view rest = value.substr(scheme + 3);
        add(t.index.FindExact(t.store, rest), IndicatorType::kUrl, rest);
      }
      return;
    }
    default:
      add(t.index.FindExact(t.store, value), indicator.type, {});
      return;
  }
}

}  // namespace seckit::ioc_enrich
