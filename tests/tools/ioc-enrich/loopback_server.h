// A real HTTP server on 127.0.0.1 for ioc-enrich tests (cpp-httplib in its own thread, on a port
// the kernel picks). It records when each request arrived and how many handlers ran at once, so
// tests can assert retries, waits, rate limits and concurrency as the server saw them.
#ifndef SECKIT_TESTS_IOC_ENRICH_LOOPBACK_SERVER_H_
#define SECKIT_TESTS_IOC_ENRICH_LOOPBACK_SERVER_H_

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace seckit::testing {

class LoopbackServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  using Clock = std::chrono::steady_clock;

  struct Hit {
    std::string path;
    Clock::time_point at;  // when the handler started
    int remote_port = 0;   // tells connections apart
  };

  LoopbackServer() {
    // Enough workers for 50+ kept-alive connections (each holds a thread while open).
    server_.new_task_queue = [] { return new httplib::ThreadPool(160); };
    server_.set_keep_alive_max_count(100000);
    server_.set_keep_alive_timeout(2);
    // As real servers do; otherwise Nagle and delayed ACKs add 40 ms to every small response.
    server_.set_tcp_nodelay(true);
  }
  ~LoopbackServer() { Stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Routes (regular expressions over the path), added before Start().
  void Get(const std::string& pattern, Handler handler) {
    server_.Get(pattern, Wrap(std::move(handler)));
  }
  void Post(const std::string& pattern, Handler handler) {
    server_.Post(pattern, Wrap(std::move(handler)));
  }

  // Binds 127.0.0.1 on a free port and serves from a thread until Stop().
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    WidenBacklog();
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  int port() const { return port_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::vector<Hit> Hits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hits_;
  }
  // Requests whose path starts with `prefix`.
  size_t Count(const std::string& prefix = "") const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<size_t>(std::count_if(hits_.begin(), hits_.end(), [&](const Hit& h) {
      return h.path.compare(0, prefix.size(), prefix) == 0;
    }));
  }
  int max_in_flight() const { return max_in_flight_.load(); }

  // Waits `duration` inside a handler, cut short when the server stops (so tests end quickly).
  void Sleep(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, duration, [this] { return stopping_; });
  }

 private:
  // cpp-httplib listens with a backlog of 5 (fixed when Debian built it): a burst of 50 connects
  // would lose SYNs and wait for the kernel's retransmits (1 s, then 3 s). Linux lets listen() be
  // called again on the listening socket to raise it.
  void WidenBacklog() const {
    for (int fd = 0; fd < 1024; ++fd) {
      sockaddr_in address{};
      socklen_t size = sizeof address;
      int listening = 0;
      socklen_t flag_size = sizeof listening;
      if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0 ||
          address.sin_family != AF_INET || ntohs(address.sin_port) != port_ ||
          getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_size) != 0 || !listening) {
        continue;
      }
      listen(fd, 1024);
      return;
    }
  }

  httplib::Server::Handler Wrap(Handler handler) {
    return [this, handler = std::move(handler)](const httplib::Request& request,
                                                httplib::Response& response) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        hits_.push_back({request.path, Clock::now(), request.remote_port});
      }
      const int now_in_flight = ++in_flight_;
      int seen = max_in_flight_.load();
      while (now_in_flight > seen && !max_in_flight_.compare_exchange_weak(seen, now_in_flight)) {
      }
      handler(request, response);
      --in_flight_;
    };
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<Hit> hits_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_IOC_ENRICH_LOOPBACK_SERVER_H_
