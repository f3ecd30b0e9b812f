// The guarded child and its watchdog: fork, limits, record pipe, result pipe, progress counter.
#include "fs_guard.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "seckit/diag.h"
#include "seckit/interrupt.h"
#include "seckit/output.h"
#include "seckit/sanitizer.h"
#include "tsk_alloc.h"

namespace seckit::disk_carve {
namespace {

// The MAP_SHARED page of a guarded child and its parent: the progress counter the parent
// watches, and the path of the file the child is writing (recover), which the parent removes
// when it has to stop the child before the file is whole.
struct SharedPage {
  std::atomic<uint64_t> progress{0};
  char writing[8192 - sizeof(std::atomic<uint64_t>)] = {};  // NUL-terminated; "" when none
};

// Set in a guarded child only.
SharedPage* g_shared = nullptr;

using Clock = std::chrono::steady_clock;

// What the child sends back on its result pipe when its work returns.
struct ChildResult {
  int32_t code = 0;         // ExitCode of the work's Status
  uint64_t bad_inputs = 0;  // bad input the child reported (its own count went up by this)
  uint32_t message_size = 0;
};

void WriteAllFd(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    size -= static_cast<size_t>(n);
  }
}

// Reads what is in `fd` up to EOF (the writer is gone by now).
std::string ReadToEnd(int fd) {
  std::string data;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  return data;
}

// "--fs-memory-limit 2 GiB", for messages.
std::string MemoryLimitText(uint64_t n) {
  if (n == 0) return "no --fs-memory-limit";
  std::string size;
  if (n % (1ull << 30) == 0) {
    size = std::to_string(n >> 30) + " GiB";
  } else if (n % (1ull << 20) == 0) {
    size = std::to_string(n >> 20) + " MiB";
  } else {
    size = std::to_string(n) + " bytes";
  }
  return "--fs-memory-limit " + size;
}

// The child: limits, the work with its records on `records_fd`, its result on `result_fd`.
[[noreturn]] void RunChild(const GuardLimits& limits, const std::string& where, Io& io,
                           const GuardedWork& work, int records_fd, int result_fd,
                           SharedPage* shared, pid_t parent) {
  // Never outlive the parent (killed, or stopped at a limit it could not report).
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  g_shared = shared;
#if !SECKIT_ADDRESS_SANITIZER
  // (AddressSanitizer reserves terabytes of shadow memory: no address-space limit under it.)
  if (limits.memory_bytes != 0) {
    const rlimit limit{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &limit);
  }
#endif
  const uint64_t bad_before = io.diag.bad_input_count();
  const TskAllocFailures alloc_before = TskAllocationFailures();
  Status status;
  {
    std::unique_ptr<OutputStream> out = OutputStream::ForFd(records_fd, io.out.name());
    out->set_line_buffered(true);  // each record reaches the parent as soon as it is whole
    Io child_io{io.common, io.diag, *out, io.config};
    try {
      status = work(child_io);
    } catch (const std::bad_alloc&) {
      status = io.diag.BadInput("out of memory (" + MemoryLimitText(limits.memory_bytes) +
                                    "); the rest of this file system is missing",
                                where);
    } catch (const std::exception& e) {
      status = Status::Internal(e.what());
    }
    const TskAllocFailures alloc_after = TskAllocationFailures();
    if (status.ok() && alloc_after.count > alloc_before.count) {
      // libtsk skips what needed the memory, often without an error of its own.
      status = io.diag.BadInput(
          "the Sleuth Kit could not allocate " + std::to_string(alloc_after.largest) +
              " bytes (the largest of " + std::to_string(alloc_after.count - alloc_before.count) +
              " refused, " + MemoryLimitText(limits.memory_bytes) +
              "); what needed the memory (e.g. the orphan-file search) is missing",
          where);
    }
    const Status flushed = out->Flush();
    if (status.ok() && !flushed.ok() && !out->closed_by_reader()) status = flushed;
  }
  ChildResult result;
  result.code = static_cast<int32_t>(status.code());
  result.bad_inputs = io.diag.bad_input_count() - bad_before;
  result.message_size = static_cast<uint32_t>(status.message().size());
  WriteAllFd(result_fd, &result, sizeof result);
  WriteAllFd(result_fd, status.message().data(), status.message().size());
  ::_exit(0);  // no destructors, no atexit: the parent's buffers and handles are the parent's
}

// Owns the descriptors and the shared page of one guarded run.
struct Channel {
  int records[2] = {-1, -1};
  int result[2] = {-1, -1};
  void* shared = MAP_FAILED;
  ~Channel() {
    for (int fd : {records[0], records[1], result[0], result[1]}) {
      if (fd >= 0) ::close(fd);
    }
    if (shared != MAP_FAILED) ::munmap(shared, sizeof(SharedPage));
  }
};

}  // namespace

void NoteProgress() {
  if (g_shared != nullptr) g_shared->progress.fetch_add(1, std::memory_order_relaxed);
}

void NoteWriting(std::string_view path) {
  if (g_shared == nullptr) return;
  // A path too long to note is not noted: the parent then cannot remove that one file.
  const size_t n = path.size() < sizeof g_shared->writing ? path.size() : 0;
  std::memcpy(g_shared->writing, path.data(), n);
  g_shared->writing[n] = '\0';
}

Status FsGuard::Run(const std::string& where, const GuardedWork& work) {
  if (!limits_.any()) return work(io_);
  Channel ch;
  if (::pipe2(ch.records, O_CLOEXEC) != 0 || ::pipe2(ch.result, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("pipe: ") + std::strerror(errno));
  }
  ch.shared = ::mmap(nullptr, sizeof(SharedPage), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (ch.shared == MAP_FAILED) return Status::Internal(std::string("mmap: ") + strerror(errno));
  auto* shared = new (ch.shared) SharedPage;
  // What is buffered now is written once, by us, before the child's records.
  SECKIT_RETURN_IF_ERROR(io_.out.Flush());
  (void)std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return Status::Internal(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(ch.records[0]);
    ::close(ch.result[0]);
    RunChild(limits_, where, io_, work, ch.records[1], ch.result[1], shared, parent);
  }
  ::close(ch.records[1]);
  ch.records[1] = -1;
  ::close(ch.result[1]);
  ch.result[1] = -1;

  // Forward whole records as they come; watch progress and the clock.
  std::string pending;
  auto forward = [&](bool final) {
    const size_t end = pending.rfind('\n');
    if (end != std::string::npos) {
      io_.out.Write(std::string_view(pending).substr(0, end + 1));
      io_.out.RecordDone();
      pending.erase(0, end + 1);
    }
    if (final) pending.clear();  // a record cut short by the child's end is dropped
  };
  const Clock::time_point start = Clock::now();
  Clock::time_point last_progress = start;
  uint64_t seen = 0;
  std::string stopped;  // why we stopped the child; empty when it ended by itself
  bool interrupted = false;
  char buffer[65536];
  for (;;) {
    pollfd p{ch.records[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, 200);
    if (ready > 0) {
      const ssize_t n = ::read(ch.records[0], buffer, sizeof buffer);
      if (n == 0) break;  // the child closed its end: done (or dead)
      if (n > 0) {
        pending.append(buffer, static_cast<size_t>(n));
        forward(false);
        last_progress = Clock::now();
      } else if (errno != EINTR && errno != EAGAIN) {
        break;
      }
    }
    const uint64_t now_progress = shared->progress.load(std::memory_order_relaxed);
    const Clock::time_point now = Clock::now();
    if (now_progress != seen) {
      seen = now_progress;
      last_progress = now;
    }
    if (Interrupted()) {
      interrupted = true;
    } else if (!io_.out.healthy()) {
      stopped = "output stopped";
    } else if (limits_.stall_seconds != 0 &&
               now - last_progress > std::chrono::seconds(limits_.stall_seconds)) {
      stopped = "the Sleuth Kit made no progress for " + std::to_string(limits_.stall_seconds) +
                " s (--fs-stall-timeout)";
    } else if (limits_.total_seconds != 0 &&
               now - start > std::chrono::seconds(limits_.total_seconds)) {
      stopped = "the file system took longer than " + std::to_string(limits_.total_seconds) +
                " s (--fs-timeout)";
    }
    if (interrupted || !stopped.empty()) {
      ::kill(pid, SIGKILL);
      break;
    }
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  // Stopped or dead in the middle of a file: what it wrote of it goes, so that every file in
  // --out is whole.
  if (shared->writing[0] != '\0') {
    const std::string partial(shared->writing);
    if (::unlink(partial.c_str()) == 0) {
      io_.diag.Note("removed " + partial + ", written only in part when the work stopped");
    }
  }
  if (io_.out.healthy()) {
    pending += ReadToEnd(ch.records[0]);  // records finished before the end
    forward(true);
  }
  if (interrupted) return Status::Interrupted();
  if (!io_.out.healthy()) return Status::Ok();  // the caller's output gate says why
  const std::string result = ReadToEnd(ch.result[0]);
  ChildResult head;
  if (stopped.empty() && result.size() >= sizeof head) {
    std::memcpy(&head, result.data(), sizeof head);
    child_bad_inputs_ += head.bad_inputs;
    if (head.code == 0) return Status::Ok();
    return Status(static_cast<ExitCode>(head.code),
                  result.substr(sizeof head,
                                std::min<size_t>(head.message_size, result.size() - sizeof head)));
  }
  if (stopped.empty()) {
    if (WIFSIGNALED(wait_status)) {
      const int sig = WTERMSIG(wait_status);
      stopped =
          "the Sleuth Kit crashed (signal " + std::to_string(sig) + ", " + strsignal(sig) + ")";
      if (sig == SIGKILL && limits_.memory_bytes != 0) {
        stopped += "; killed, perhaps for memory (" + MemoryLimitText(limits_.memory_bytes) + ")";
      }
    } else {
      stopped = "the process reading the file system ended without a result (exit status " +
                std::to_string(WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1) + ")";
    }
  }
  return io_.diag.BadInput(stopped + "; stopped, the rest of this file system is missing", where);
}

Status FsGuard::Finish(Status status) const {
  if (!status.ok() || child_bad_inputs_ == 0) return status;
  return Status(ExitCode::kDataError, "");
}

}  // namespace seckit::disk_carve
