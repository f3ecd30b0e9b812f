// Hashing for seckit: MD5, SHA-1 and SHA-256 through OpenSSL's EVP interface, streamed, several at
// once over one pass of the data, and over whole files with large reads.
#ifndef SECKIT_HASH_H_
#define SECKIT_HASH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/status.h"

namespace seckit {

class Progress;

enum class HashAlgorithm { kMd5, kSha1, kSha256 };

// "md5", "sha1", "sha256": the names used in flags and in ECS's hash.* fields.
std::string_view HashAlgorithmName(HashAlgorithm algorithm);
// Digest length in bytes (16, 20, 32); the hex text is twice as long.
size_t HashDigestSize(HashAlgorithm algorithm);
// A name as above, ignoring case; "sha-1" and "sha-256" are accepted too.
std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name);
// A comma-separated list for a flag such as `--hash md5,sha256`. Spaces around names are ignored
// and repeats are dropped (first occurrence keeps its place). An empty list, an empty entry or an
// unknown name is a Status::Usage naming the bad entry and the valid names.
Result<std::vector<HashAlgorithm>> ParseHashList(std::string_view list);

// One digest, lowercase hex.
struct Digest {
  HashAlgorithm algorithm;
  std::string hex;
  bool operator==(const Digest&) const = default;
};

// A streaming hash of one algorithm. Move-only; not thread-safe (use one per thread).
class Hasher {
 public:
  // Fails (Status::Internal) only if OpenSSL cannot provide the algorithm, e.g. MD5 under a
  // FIPS-only configuration.
  static Result<Hasher> Create(HashAlgorithm algorithm);

  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  ~Hasher();

  HashAlgorithm algorithm() const { return algorithm_; }
  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data);
  // The digest of everything passed to Update since creation or the last Final, as lowercase hex;
  // the Hasher then starts over, ready for new data. Status::Internal if OpenSSL failed.
  Result<std::string> Final();

 private:
  struct Context;
  Hasher(HashAlgorithm algorithm, std::unique_ptr<Context> context);

  HashAlgorithm algorithm_;
  std::unique_ptr<Context> context_;
  bool failed_ = false;  // an EVP call failed since the last Final
};

// Several algorithms fed from the same chunks, so data is read once whatever the number of digests.
class MultiHasher {
 public:
  // `algorithms` may be empty (then Final returns no digests).
  static Result<MultiHasher> Create(std::span<const HashAlgorithm> algorithms);

  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data);
  // One digest per algorithm, in the order given to Create; then starts over like Hasher::Final.
  Result<std::vector<Digest>> Final();

 private:
  explicit MultiHasher(std::vector<Hasher> hashers) : hashers_(std::move(hashers)) {}
  std::vector<Hasher> hashers_;
};

// The lowercase hex digest of one buffer (e.g. a JA3 string).
Result<std::string> HashBytes(HashAlgorithm algorithm, std::string_view data);

struct FileDigests {
  uint64_t size = 0;            // bytes read
  std::vector<Digest> digests;  // in the order of the requested algorithms
  // The hex digest for `algorithm`, or nullptr when it was not requested.
  const std::string* Find(HashAlgorithm algorithm) const;
};

// Reads the open descriptor `fd` to its end in 1 MiB read(2) calls (EINTR retried) and hashes it,
// advancing `progress` (if given) by the bytes read. `name` is used only in error messages.
// Status::IoError("cannot read NAME: reason") on a read error; Status::Interrupted() when SIGINT
// or SIGTERM arrives (see interrupt.h). Does not close `fd`.
Result<FileDigests> HashFd(int fd, std::string_view name, std::span<const HashAlgorithm> algorithms,
                           Progress* progress = nullptr);

// Opens and hashes the file at `path` (a regular file, device or pipe). Status::NoInput("cannot
// open PATH: reason") when it cannot be opened or is a directory; otherwise as HashFd.
Result<FileDigests> HashFile(const std::string& path, std::span<const HashAlgorithm> algorithms,
                             Progress* progress = nullptr);

}  // namespace seckit

#endif  // SECKIT_HASH_H_
