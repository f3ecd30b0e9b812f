// MISP: what a MISP instance (usually the user's own, or a sharing community's) holds about an
// indicator, through its REST search.
//
// Request: POST {base}/attributes/restSearch with the key in "Authorization" and the JSON body
// {"returnFormat":"json","value":V,"limit":100,"includeEventTags":true}. {base} is the
// instance's URL: --provider-url misp=URL or base_url in [ioc-enrich.providers.misp].
// Not found: {"response":{"Attribute":[]}} (an empty list).
//
// The answer is read in the attribute search's shape ({"response":{"Attribute":[...]}}, each
// attribute with its "Event" and "Tag"s) and also in the event shapes MISP answers elsewhere
// (an event export, {"Event":{...}}, {"response":[{"Event":{...}}]}), whose attributes and
// object attributes are searched for the value. Matching is case-insensitive on the value or
// either half of a composite "a|b" value; deleted attributes are ignored.
//
// Mapping: verdict malicious, score 90 when a matching attribute has to_ids (the analyst marked
// it for detection); otherwise suspicious, score 50. tags: attribute and event tag names;
// first_seen/last_seen: the attributes' first_seen/last_seen, else their timestamp; description:
// the event's info; reference: {base}/events/view/<event id>.
#include <algorithm>
#include <cctype>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

struct Match {
  const Json* attribute;
  const Json* event;  // may be null
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool ValueMatches(std::string_view stored, std::string_view value) {
  if (EqualsIgnoreCase(stored, value)) return true;
  const size_t bar = stored.find('|');
  return bar != std::string_view::npos && (EqualsIgnoreCase(stored.substr(0, bar), value) ||
                                           EqualsIgnoreCase(stored.substr(bar + 1), value));
}

void AddIfMatching(const Json* attribute, const Json* event, const Indicator& indicator,
                   bool server_matched, std::vector<Match>& out) {
  if (attribute == nullptr || !attribute->is_object()) return;
  if (Bool(Member(attribute, "deleted")).value_or(false)) return;
  // A CIDR search matches addresses inside it; only the server can tell which.
  const bool trust = server_matched && indicator.type == IndicatorType::kCidr;
  if (!trust && !ValueMatches(StringOr(Member(attribute, "value")), indicator.value)) return;
  out.push_back({attribute, event});
}

void SearchEvent(const Json* event, const Indicator& indicator, std::vector<Match>& out) {
  if (event == nullptr || !event->is_object()) return;
  if (const Json* list = Member(event, "Attribute"); list && list->is_array()) {
    for (const Json& a : *list) AddIfMatching(&a, event, indicator, false, out);
  }
  if (const Json* objects = Member(event, "Object"); objects && objects->is_array()) {
    for (const Json& object : *objects) {
      const Json* list = Member(&object, "Attribute");
      if (list == nullptr || !list->is_array()) continue;
      for (const Json& a : *list) AddIfMatching(&a, event, indicator, false, out);
    }
  }
}

// Every matching attribute in any of the shapes described above.
std::optional<std::vector<Match>> FindMatches(const Json& body, const Indicator& indicator) {
  std::vector<Match> out;
  const Json* response = Member(&body, "response");
  if (const Json* list = Member(response, "Attribute"); list && list->is_array()) {
    for (const Json& a : *list) AddIfMatching(&a, Member(&a, "Event"), indicator, true, out);
  } else if (response != nullptr && response->is_array()) {
    for (const Json& item : *response) SearchEvent(Member(&item, "Event"), indicator, out);
  } else if (const Json* event = Member(&body, "Event")) {
    SearchEvent(event, indicator, out);
  } else if (Member(&body, "Attribute") != nullptr) {
    SearchEvent(&body, indicator, out);
  } else {
    return std::nullopt;
  }
  return out;
}

void AddTagNames(const Json* tags, std::vector<std::string>& out) {
  if (tags == nullptr || !tags->is_array()) return;
  for (const Json& tag : *tags) {
    AddTag(out, StringOr(Member(&tag, "name"), StringOr(Dig(&tag, {"Tag", "name"}))));
  }
}

std::string EventId(const Match& m) {
  for (const Json* id : {Member(m.attribute, "event_id"), Member(m.event, "id")}) {
    if (std::optional<int64_t> n = Integer(id, true); n && *n > 0) return std::to_string(*n);
  }
  return {};
}

class Misp final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType) const override { return true; }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    HttpRequest request;
    request.method = "POST";
    request.url = base_url() + "/attributes/restSearch";
    request.headers = {{"Authorization", api_key()},
                       {"Accept", "application/json"},
                       {"Content-Type", "application/json"}};
    request.body = R"({"returnFormat":"json","value":")" + JsonEscape(indicator.value) +
                   R"(","limit":100,"includeEventTags":true})";
    return request;
  }

 protected:
  bool IsNotFoundStatus(long) const override { return false; }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    std::optional<std::vector<Match>> matches = FindMatches(body, indicator);
    if (!matches) return Malformed("neither an attribute search nor an event");
    if (matches->empty()) return Answer::NotFound();

    Enrichment e;
    bool to_ids = false;
    std::vector<std::string> events;
    for (const Match& m : *matches) {
      to_ids = to_ids || Bool(Member(m.attribute, "to_ids")).value_or(false);
      AddTagNames(Member(m.attribute, "Tag"), e.tags);
      AddTagNames(Member(m.event, "Tag"), e.tags);
      AddTagNames(Member(m.event, "EventTag"), e.tags);
      const std::optional<TimeNs> stamp = Time(Member(m.attribute, "timestamp"));
      std::optional<TimeNs> first = Time(Member(m.attribute, "first_seen"));
      std::optional<TimeNs> last = Time(Member(m.attribute, "last_seen"));
      if (!first) first = stamp;
      if (!last) last = stamp;
      KeepEarliest(e.first_seen, first);
      KeepLatest(e.last_seen, last);
      if (std::string id = EventId(m);
          !id.empty() && std::find(events.begin(), events.end(), id) == events.end()) {
        events.push_back(id);
      }
    }
    e.verdict = to_ids ? Verdict::kMalicious : Verdict::kSuspicious;
    e.score = to_ids ? 90 : 50;
    const Match& first = matches->front();
    e.description = "MISP";
    if (!events.empty()) e.description += " event " + events.front();
    if (std::string info = StringOr(Member(first.event, "info")); !info.empty()) {
      e.description += ": " + info;
    }
    if (events.size() > 1) e.description += " (+" + std::to_string(events.size() - 1) + " more)";
    if (!events.empty()) e.reference = base_url() + "/events/view/" + events.front();
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeMisp(ProviderSetup setup) {
  return std::make_unique<Misp>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
