// StateFile: loading, locking and atomic saving.
#include "state_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "seckit/json_writer.h"
#include "seckit/output.h"

namespace seckit::fw_block {
namespace {

std::optional<StateEntry> ParseEntry(const std::string& line) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  StateEntry e;
  std::optional<Cidr> c = Cidr::Parse(j.value("address", ""));
  std::optional<TimeNs> added = ParseRfc3339(j.value("added", ""));
  if (!c || !added || !j.contains("backend")) return std::nullopt;
  e.cidr = *c;
  e.added = *added;
  e.backend = j.value("backend", "");
  e.host = j.value("host", "");
  e.reason = j.value("reason", "");
  e.source = j.value("source", "");
  if (j.contains("record") && j["record"].is_object()) e.record = j["record"].dump();
  if (j.contains("expires")) {
    std::optional<TimeNs> expires = ParseRfc3339(j.value("expires", ""));
    if (!expires) return std::nullopt;
    e.expires = *expires;
  }
  return e;
}

}  // namespace

StateFile::~StateFile() {
  if (lock_fd_ >= 0) close(lock_fd_);  // releases the flock
}

StateFile::StateFile(StateFile&& other) noexcept
    : path_(std::move(other.path_)), lock_fd_(other.lock_fd_), entries_(std::move(other.entries_)) {
  other.lock_fd_ = -1;
}

StateFile& StateFile::operator=(StateFile&& other) noexcept {
  if (this != &other) {
    if (lock_fd_ >= 0) close(lock_fd_);
    path_ = std::move(other.path_);
    lock_fd_ = other.lock_fd_;
    entries_ = std::move(other.entries_);
    other.lock_fd_ = -1;
  }
  return *this;
}

Result<StateFile> StateFile::Load(const std::string& path, bool lock) {
  StateFile state;
  state.path_ = path;
  if (lock) {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    const std::string lock_path = path + ".lock";
    state.lock_fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (state.lock_fd_ < 0) {
      return Status::CantCreate("cannot open the state lock " + lock_path + ": " +
                                std::strerror(errno));
    }
    while (flock(state.lock_fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        return Status::IoError("cannot lock " + lock_path + ": " + std::strerror(errno));
      }
    }
  }
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT || !std::filesystem::exists(path)) return state;
    return Status::NoInput("cannot read the state file " + path + ": " + std::strerror(errno));
  }
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::optional<StateEntry> e = ParseEntry(line);
    if (!e) {
      return Status::Config("the state file is damaged (" + path + ":" + std::to_string(number) +
                            "): fix or remove that line");
    }
    state.entries_.push_back(std::move(*e));
  }
  return state;
}

Status StateFile::Save() const {
  if (lock_fd_ < 0) return Status::Internal("state saved without its lock");
  Result<std::unique_ptr<OutputStream>> out = OutputStream::Open(path_);
  if (!out.ok()) return out.status();
  JsonWriter w(**out);
  for (const StateEntry& e : entries_) {
    w.BeginRecord();
    w.Field("address"_key, e.cidr.IsHost() ? e.cidr.network().ToString() : e.cidr.ToString());
    w.Field("backend"_key, e.backend);
    if (!e.host.empty()) w.Field("host"_key, e.host);
    w.Field("added"_key, FormatRfc3339(e.added));
    if (e.expires != 0) w.Field("expires"_key, FormatRfc3339(e.expires));
    if (!e.reason.empty()) w.Field("reason"_key, e.reason);
    if (!e.source.empty()) w.Field("source"_key, e.source);
    if (!e.record.empty()) {
      w.Key("record"_key);
      w.RawJson(e.record);
    }
    w.EndRecord();
  }
  return (*out)->Commit();
}

std::string StateFile::DefaultPath(const std::string& file) {
  const char* xdg = std::getenv("XDG_STATE_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/seckit/" + file;
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] == '/') return std::string(home) + "/.local/state/seckit/" + file;
  return "/var/lib/seckit/" + file;
}

}  // namespace seckit::fw_block
