// ResumeState: locking, loading and atomically saving log-grep's --state file.
#include "resume_state.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "resume_internal.h"
#include "seckit/interrupt.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"

namespace seckit::log_grep {
namespace {

constexpr std::string_view kFormat = "seckit-log-grep-state";
constexpr uint64_t kVersion = 1;
constexpr size_t kMaxStateBytes = size_t{64} * 1024 * 1024;

Status LockFile(int fd, const std::string& state_path, const std::string& lock_path,
                std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) return Status::Ok();
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return Status::IoError("cannot lock " + lock_path + ": " + std::strerror(errno));
    }
    if (Interrupted()) return Status::Interrupted();
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string waited =
          wait.count() > 0 ? " after waiting " + std::to_string(wait.count()) + " ms" : "";
      return Status::TempFail("state file " + state_path + " is in use by another run (" +
                              lock_path + " is locked)" + waited + "; try again later");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Result<std::string> ReadWhole(int fd, const std::string& path) {
  std::string text;
  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return Status::NoInput("cannot read state file " + path + ": " + std::strerror(errno));
    if (n == 0) return text;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxStateBytes) {
      return Status::Config("state file " + path + " is larger than " +
                            std::to_string(kMaxStateBytes) + " bytes: not a log-grep state file");
    }
  }
}

bool IsHexDigest(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Reads one entry of "files"; an empty string on success, else what is wrong with it.
std::string ParseEntry(simdjson::dom::element element, StateEntry& entry) {
  simdjson::dom::object object;
  if (element.get(object) != simdjson::SUCCESS) return "not an object";
  std::string_view path, fingerprint;
  if (object["path"].get(path) != simdjson::SUCCESS || path.empty() || path.front() != '/') {
    return "\"path\" is missing or not an absolute path";
  }
  entry.path = std::string(path);
  struct {
    const char* key;
    uint64_t* value;
  } numbers[] = {
      {"dev", &entry.identity.dev},   {"inode", &entry.identity.inode},
      {"size", &entry.identity.size}, {"offset", &entry.offset},
      {"line", &entry.line},          {"fingerprint_length", &entry.identity.fingerprint_length}};
  for (auto& number : numbers) {
    if (object[number.key].get(*number.value) != simdjson::SUCCESS) {
      return std::string("\"") + number.key + "\" is missing or not an unsigned integer";
    }
  }
  if (entry.identity.fingerprint_length > kFingerprintBytes) {
    return "\"fingerprint_length\" is over " + std::to_string(kFingerprintBytes);
  }
  if (object["fingerprint"].get(fingerprint) != simdjson::SUCCESS || !IsHexDigest(fingerprint)) {
    return "\"fingerprint\" is missing or not a hex SHA-256";
  }
  entry.identity.fingerprint = std::string(fingerprint);
  if (object["compressed"].get(entry.identity.compressed) != simdjson::SUCCESS ||
      object["complete"].get(entry.complete) != simdjson::SUCCESS) {
    return "\"compressed\" or \"complete\" is missing or not a boolean";
  }
  return {};
}

}  // namespace

Result<ResumeState> ResumeState::Open(const std::string& path, const ResumeStateOptions& options) {
  std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0) {
    return Status::CantCreate("cannot create lock file " + lock_path +
                              " for --state: " + std::strerror(errno));
  }
  Status locked = LockFile(fd, path, lock_path, options.lock_wait);
  if (!locked.ok()) {
    close(fd);
    return locked;
  }
  ResumeState state(path, fd);
  SECKIT_RETURN_IF_ERROR(state.Load());
  return state;
}

ResumeState::ResumeState(ResumeState&& other) noexcept { *this = std::move(other); }

ResumeState& ResumeState::operator=(ResumeState&& other) noexcept {
  if (this != &other) {
    if (lock_fd_ >= 0) close(lock_fd_);
    path_ = std::move(other.path_);
    lock_fd_ = std::exchange(other.lock_fd_, -1);
    entries_ = std::move(other.entries_);
    claimed_ = std::move(other.claimed_);
    in_touched_set_ = std::move(other.in_touched_set_);
    recorded_ = std::move(other.recorded_);
    recorded_from_ = std::move(other.recorded_from_);
  }
  return *this;
}

ResumeState::~ResumeState() {
  if (lock_fd_ >= 0) close(lock_fd_);  // closing the last descriptor releases the flock
}

Status ResumeState::Load() {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return Status::Ok();  // the first run
    return Status::NoInput("cannot open state file " + path_ + ": " + std::strerror(errno));
  }
  Result<std::string> text = ReadWhole(fd, path_);
  close(fd);
  if (!text.ok()) return text.status();
  if (text->empty()) return Status::Ok();
  auto corrupt = [&](const std::string& why) {
    return Status::Config("corrupt state file " + path_ + ": " + why +
                          "; move it away to start over (every input is then read again from "
                          "its start)");
  };
  simdjson::dom::parser parser;
  simdjson::padded_string padded(*text);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return corrupt(simdjson::error_message(error));
  }
  std::string_view format;
  uint64_t version = 0;
  if (root["format"].get(format) != simdjson::SUCCESS || format != kFormat) {
    return corrupt("not a log-grep state file (no \"format\":\"" + std::string(kFormat) + "\")");
  }
  if (root["version"].get(version) != simdjson::SUCCESS || version == 0) {
    return corrupt("\"version\" is missing or not a positive integer");
  }
  if (version > kVersion) {
    return Status::Config("state file " + path_ + " has version " + std::to_string(version) +
                          ", newer than this log-grep reads (" + std::to_string(kVersion) + ")");
  }
  simdjson::dom::array files;
  if (root["files"].get(files) != simdjson::SUCCESS) return corrupt("\"files\" is not an array");
  size_t index = 0;
  for (simdjson::dom::element element : files) {
    StateEntry entry;
    if (std::string why = ParseEntry(element, entry); !why.empty()) {
      return corrupt("files[" + std::to_string(index) + "]: " + why);
    }
    entries_.push_back(std::move(entry));
    ++index;
  }
  return Status::Ok();
}

void ResumeState::Record(const ReadPlan& plan, const ReadProgress& progress) {
  if (!plan.tracked) return;
  StateEntry entry;
  entry.path = resume::AbsolutePath(plan.path);
  entry.identity = plan.identity;
  entry.offset = progress.offset;
  entry.line = progress.line;
  if (progress.offset <= plan.start_offset) {
    entry.offset = plan.start_offset;
    entry.line = std::max(progress.line, plan.start_line);
  }
  entry.complete = plan.identity.compressed && progress.reached_end;
  for (size_t i = 0; i < recorded_.size(); ++i) {  // recorded twice: the later one counts
    if (recorded_[i].identity.dev == entry.identity.dev &&
        recorded_[i].identity.inode == entry.identity.inode) {
      recorded_[i] = std::move(entry);
      return;
    }
  }
  recorded_.push_back(std::move(entry));
  recorded_from_.push_back(plan.entry);
}

std::vector<StateEntry> ResumeState::Snapshot() const {
  std::vector<StateEntry> result;
  for (size_t i = 0; i < entries_.size(); ++i) {
    bool replaced = std::find(recorded_from_.begin(), recorded_from_.end(), static_cast<int>(i)) !=
                    recorded_from_.end();
    bool dropped = i < claimed_.size() && in_touched_set_[i] && !claimed_[i];
    if (!replaced && !dropped) result.push_back(entries_[i]);
  }
  result.insert(result.end(), recorded_.begin(), recorded_.end());
  std::stable_sort(result.begin(), result.end(),
                   [](const StateEntry& a, const StateEntry& b) { return a.path < b.path; });
  return result;
}

Status ResumeState::Save() {
  std::filesystem::path target(path_);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkostemp(temp.data(), O_CLOEXEC);  // mode 0600
  if (fd < 0) {
    return Status::CantCreate("cannot create state file " + path_ + ": " + std::strerror(errno));
  }
  auto fail = [&](Status status) {
    close(fd);
    unlink(temp.c_str());
    return status;
  };
  if (fchmod(fd, 0600) != 0) {
    return fail(
        Status::CantCreate("cannot create state file " + path_ + ": " + std::strerror(errno)));
  }
  {
    std::unique_ptr<OutputStream> out = OutputStream::ForFd(fd, temp);
    JsonWriter writer(*out);
    writer.BeginRecord();
    writer.Field("format", kFormat);
    writer.Field("version", kVersion);
    writer.BeginArray("files");
    for (const StateEntry& entry : Snapshot()) {
      writer.BeginObject();
      writer.Field("path", entry.path);
      writer.Field("dev", entry.identity.dev);
      writer.Field("inode", entry.identity.inode);
      writer.Field("size", entry.identity.size);
      writer.Field("offset", entry.offset);
      writer.Field("line", entry.line);
      writer.Field("fingerprint", entry.identity.fingerprint);
      writer.Field("fingerprint_length", entry.identity.fingerprint_length);
      writer.Field("compressed", entry.identity.compressed);
      writer.Field("complete", entry.complete);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndRecord();
    if (Status flushed = out->Flush(); !flushed.ok()) {
      return fail(Status::IoError("cannot write state file " + path_ + ": " + flushed.message()));
    }
  }
  if (fsync(fd) != 0) {
    return fail(Status::IoError("cannot write state file " + path_ + ": " + std::strerror(errno)));
  }
  if (close(fd) != 0) {
    unlink(temp.c_str());
    return Status::IoError("cannot write state file " + path_ + ": " + std::strerror(errno));
  }
  if (rename(temp.c_str(), path_.c_str()) != 0) {
    Status status =
        Status::CantCreate("cannot create state file " + path_ + ": " + std::strerror(errno));
    unlink(temp.c_str());
    return status;
  }
  // Make the rename itself durable; the state is already in place, so a failure here is moot.
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return Status::Ok();
}

}  // namespace seckit::log_grep
