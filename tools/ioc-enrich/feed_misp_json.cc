// MISP JSON exports: an event ({"Event":{…}} or the bare event), a list of them, or what the
// REST search returns ({"response":[{"Event":…}]} for events, {"response":{"Attribute":[…]}}
// for attributes). Attributes come from Event.Attribute[] and Event.Object[].Attribute[].
#include <algorithm>
#include <string>
#include <vector>

#include "feed_json.h"
#include "feed_misp.h"

namespace seckit::ioc_enrich::feeds {
namespace {

using simdjson::dom::element;

// What an event gives each of its attributes.
struct EventContext {
  std::string_view info;
  std::string_view reference;
  std::optional<TimeNs> date;
  std::vector<std::string_view> tags;
};

void AppendTagNames(element holder, std::vector<std::string_view>& tags) {
  auto add = [&tags](element tag) {
    const std::string_view name = StringAt(tag, "name");
    if (!name.empty() && std::find(tags.begin(), tags.end(), name) == tags.end()) {
      tags.push_back(name);
    }
  };
  ForEachIn(holder, "Tag", add);
  ForEachIn(holder, "EventTag", [&add](element e) {
    element tag;
    if (e["Tag"].get(tag) == simdjson::SUCCESS) add(tag);
  });
}

class MispJsonReader {
 public:
  explicit MispJsonReader(FeedSink& sink) : sink_(sink) {}

  Status Root(element root);

 private:
  Status Event(element event);
  Status Attribute(element attribute, const EventContext& event, std::string_view object_comment);
  // An attribute from an attribute search: its event is a summary inside it.
  Status SearchedAttribute(element attribute);

  FeedSink& sink_;
  std::vector<std::string_view> tags_;
};

Status MispJsonReader::Root(element root) {
  Status status;
  auto each_event = [this, &status](element e) {
    if (!status.ok()) return;
    element event;
    status = Event(e["Event"].get(event) == simdjson::SUCCESS ? event : e);
  };
  if (root.is_array()) {
    ForEachElement(root, each_event);
    return status;
  }
  element response;
  if (root["response"].get(response) == simdjson::SUCCESS) {
    if (response.is_array()) {
      ForEachElement(response, each_event);
    } else {
      ForEachIn(response, "Attribute", [this, &status](element a) {
        if (status.ok()) status = SearchedAttribute(a);
      });
    }
    return status;
  }
  each_event(root);
  return status;
}

Status MispJsonReader::Event(element event) {
  EventContext context;
  context.info = StringAt(event, "info");
  context.date = ParseFeedTime(StringAt(event, "date"));
  AppendTagNames(event, context.tags);
  ForEachIn(event, "Attribute", [&context](element a) {
    if (context.reference.empty() && StringAt(a, "type") == "link") {
      context.reference = StringAt(a, "value");
    }
  });
  Status status;
  ForEachIn(event, "Attribute", [&](element a) {
    if (status.ok()) status = Attribute(a, context, {});
  });
  ForEachIn(event, "Object", [&](element object) {
    const std::string_view comment = StringAt(object, "comment");
    ForEachIn(object, "Attribute", [&](element a) {
      if (status.ok()) status = Attribute(a, context, comment);
    });
  });
  return status;
}

Status MispJsonReader::Attribute(element attribute, const EventContext& event,
                                 std::string_view object_comment) {
  if (FlagAt(attribute, "deleted", false)) return Status::Ok();
  MispAttribute a;
  a.type = StringAt(attribute, "type");
  if (a.type == "link") return Status::Ok();  // the event's reference, not an indicator
  a.value = StringAt(attribute, "value");
  a.comment = StringAt(attribute, "comment");
  if (a.comment.empty()) a.comment = object_comment;
  a.to_ids = FlagAt(attribute, "to_ids", true);
  a.event_info = event.info;
  a.reference = event.reference;
  tags_.assign(event.tags.begin(), event.tags.end());
  AppendTagNames(attribute, tags_);
  a.tags = tags_;
  a.first_seen = ParseFeedTime(StringAt(attribute, "first_seen"));
  if (!a.first_seen) a.first_seen = event.date;
  a.last_seen = ParseFeedTime(StringAt(attribute, "last_seen"));
  std::string_view id = StringAt(attribute, "uuid");
  if (id.empty()) id = StringAt(attribute, "id");
  return AddMispAttribute(a, sink_.At("attribute " + std::string(id)), sink_);
}

Status MispJsonReader::SearchedAttribute(element attribute) {
  EventContext context;
  element event;
  if (attribute["Event"].get(event) == simdjson::SUCCESS) {
    context.info = StringAt(event, "info");
    context.date = ParseFeedTime(StringAt(event, "date"));
    AppendTagNames(event, context.tags);
  }
  return Attribute(attribute, context, {});
}

}  // namespace

Status LoadMispJson(element root, FeedSink& sink) { return MispJsonReader(sink).Root(root); }

}  // namespace seckit::ioc_enrich::feeds
