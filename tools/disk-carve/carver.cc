// The scan loop reads large chunks and asks the parsers only about signature hits; a carved file
// is skipped over, so what is embedded in it (a JPEG inside a PDF) is not carved again.
#include "carver.h"

#include <unistd.h>

#include <algorithm>

#include "fd_writer.h"
#include "file_record.h"
#include "seckit/interrupt.h"
#include "seckit/output.h"
#include "seckit/progress.h"

namespace seckit::disk_carve {
namespace {

constexpr uint64_t kChunk = 64ull << 20;
constexpr uint64_t kFirstWindow = 1ull << 20;

}  // namespace

Carver::Carver(Settings settings, ImageBytes& scan_bytes, ImageBytes& file_bytes, OutputDir& out,
               const InspectionPlan& plan, Io& io)
    : settings_(std::move(settings)),
      scan_bytes_(scan_bytes),
      file_bytes_(file_bytes),
      out_(out),
      inspector_(plan),
      io_(io),
      writer_(io.out),
      scanner_(settings_.formats) {}

Status Carver::ScanRange(const ByteRange& range) {
  const uint64_t end = range.offset + range.length;
  uint64_t pos = std::max(range.offset, resume_at_);
  std::vector<const CarveFormat*> at;
  while (pos < end) {
    if (Interrupted()) return Status::Interrupted();
    if (!io_.out.healthy()) return Status::Ok();
    const uint64_t chunk = std::min(kChunk, end - pos);
    // One byte more, so a signature on the chunk's last byte is seen whole.
    Result<std::span<const uint8_t>> view = scan_bytes_.View(pos, chunk + 1);
    if (!view.ok()) return view.status();
    uint64_t i = 0;
    uint64_t next_pos = pos + chunk;
    while (true) {
      i = scanner_.FindNext(view.value(), i);
      if (i >= chunk) break;
      ++stats_.candidates;
      const uint64_t offset = pos + i;
      scanner_.FormatsAt(view.value(), i, at);
      Result<std::optional<Found>> found = Measure(offset, at);
      if (!found.ok()) return found.status();
      if (found.value()) {
        SECKIT_RETURN_IF_ERROR(Emit(offset, *found.value()));
        // What a parser accepted is structure of that file (a partial one too): signatures inside
        // it are not files of their own.
        {
          const uint64_t after = offset + found.value()->measured.length;
          if (after >= pos + chunk) {
            next_pos = after;
            resume_at_ = after;
            break;
          }
          i = after - pos;
          continue;
        }
      }
      ++i;
    }
    stats_.scanned_bytes += std::min(next_pos, end) - pos;
    scan_bytes_.Release(pos, chunk);
    if (settings_.progress != nullptr) settings_.progress->Update(stats_.scanned_bytes);
    pos = next_pos;
  }
  return Status::Ok();
}

Result<std::optional<Carver::Found>> Carver::Measure(uint64_t offset,
                                                     const std::vector<const CarveFormat*>& at) {
  std::optional<Found> best;
  for (const CarveFormat* format : at) {
    const uint64_t limit = std::min(settings_.max_size, file_bytes_.size() - offset);
    uint64_t window = file_bytes_.mapped() ? limit : std::min(kFirstWindow, limit);
    std::optional<Measured> m;
    while (true) {
      Result<std::span<const uint8_t>> view = file_bytes_.View(offset, window);
      if (!view.ok()) return view.status();
      m = format->measure(view.value());
      if (!m || !m->needs_more || window >= limit) break;
      window = std::min(window * 16, limit);
    }
    if (!m || m->length == 0) continue;
    if (!best || (m->valid && !best->measured.valid) ||
        (m->valid == best->measured.valid && m->length > best->measured.length)) {
      best = Found{format, *m};
    }
  }
  return best;
}

Status Carver::Emit(uint64_t offset, const Found& found) {
  const Measured& m = found.measured;
  const std::string_view ext = m.extension.empty() ? found.format->extension : m.extension;
  const std::string name = std::to_string(offset) + "." + std::string(ext);
  Result<CreatedFile> file = out_.Create({name});
  if (!file.ok()) return file.status();
  Result<std::span<const uint8_t>> bytes = file_bytes_.View(offset, m.length);
  if (!bytes.ok()) {
    ::close(file->fd);
    out_.RemoveFailed(file.value());
    return bytes.status();
  }
  SECKIT_RETURN_IF_ERROR(inspector_.Begin(bytes->size()));
  inspector_.Update(bytes.value());
  Status wrote = WriteAll(file->fd, bytes.value(), file->path);
  if (::close(file->fd) != 0 && wrote.ok()) wrote = Status::IoError("closing " + file->path);
  if (!wrote.ok()) {
    out_.RemoveFailed(file.value());  // a file in --out is whole or absent
    return wrote;
  }
  Result<Inspection> inspection = inspector_.Finish();
  if (!inspection.ok()) return inspection.status();
  ++stats_.carved;
  if (!m.valid) ++stats_.partial;

  const bool alert = inspection->yara && !inspection->yara->empty();
  JsonWriter& w = writer_;
  w.BeginRecord();
  w.Field("@timestamp", settings_.timestamp);
  w.BeginObject("event");
  w.Field("kind", alert ? "alert" : "event");
  w.Field("module", "disk-carve");
  w.Field("dataset", "disk.carved");
  w.EndObject();
  w.BeginObject("file");
  w.Field("name", name);
  w.Field("extension", ext);
  w.Field("size", bytes->size());
  WriteDigests(w, inspection->digests);
  if (!inspection->mime_type.empty()) w.Field("mime_type", inspection->mime_type);
  w.EndObject();
  w.BeginObject("disk");
  w.BeginObject("image");
  w.Field("path", settings_.image_path);
  w.EndObject();
  w.BeginObject("carved");
  w.Field("offset", offset);
  w.Field("length", bytes->size());
  w.Field("type", found.format->name);
  w.Field("valid", m.valid);
  w.Field("partial", !m.valid);
  w.EndObject();
  w.BeginObject("recovered");
  w.Field("path", file->path);
  w.EndObject();
  w.EndObject();
  if (inspection->yara) WriteYaraMatches(w, *inspection->yara);
  w.EndRecord();
  return Status::Ok();
}

}  // namespace seckit::disk_carve
