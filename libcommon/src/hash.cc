// MD5/SHA-1/SHA-256 over OpenSSL EVP: streaming hashers, one-pass multi-digests and file hashing.
#include "seckit/hash.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "seckit/interrupt.h"
#include "seckit/progress.h"
#include "seckit/text.h"

namespace seckit {
namespace {

constexpr size_t kReadSize = 1 << 20;
constexpr HashAlgorithm kAllAlgorithms[] = {HashAlgorithm::kMd5, HashAlgorithm::kSha1,
                                            HashAlgorithm::kSha256};

// Fetched once per process: letting EVP_DigestInit_ex fetch implicitly would look the algorithm
// up in the provider store on every init, which shows when hashing one small string per flow.
const EVP_MD* Md(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kMd5: {
      static EVP_MD* const md = EVP_MD_fetch(nullptr, "MD5", nullptr);
      return md;
    }
    case HashAlgorithm::kSha1: {
      static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
      return md;
    }
    case HashAlgorithm::kSha256: {
      static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
      return md;
    }
  }
  return nullptr;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != b[i]) return false;
  }
  return true;
}

std::span<const uint8_t> AsBytes(std::string_view data) {
  return {reinterpret_cast<const uint8_t*>(data.data()), data.size()};
}

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kMd5:
      return "md5";
    case HashAlgorithm::kSha1:
      return "sha1";
    case HashAlgorithm::kSha256:
      return "sha256";
  }
  return "unknown";
}

size_t HashDigestSize(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kMd5:
      return 16;
    case HashAlgorithm::kSha1:
      return 20;
    case HashAlgorithm::kSha256:
      return 32;
  }
  return 0;
}

std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name) {
  for (HashAlgorithm algorithm : kAllAlgorithms) {
    if (EqualsIgnoreCase(name, HashAlgorithmName(algorithm))) return algorithm;
  }
  if (EqualsIgnoreCase(name, "sha-1")) return HashAlgorithm::kSha1;
  if (EqualsIgnoreCase(name, "sha-256")) return HashAlgorithm::kSha256;
  return std::nullopt;
}

Result<std::vector<HashAlgorithm>> ParseHashList(std::string_view list) {
  std::vector<HashAlgorithm> algorithms;
  std::string_view rest = list;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view entry = TrimAsciiSpace(rest.substr(0, comma));
    if (entry.empty()) {
      return Status::Usage("empty entry in hash list '" + std::string(list) +
                           "' (expected a comma-separated list of md5, sha1, sha256)");
    }
    std::optional<HashAlgorithm> algorithm = ParseHashAlgorithm(entry);
    if (!algorithm) {
      return Status::Usage("unknown hash algorithm '" + std::string(entry) + "' in '" +
                           std::string(list) + "' (expected md5, sha1 or sha256)");
    }
    bool seen = false;
    for (HashAlgorithm a : algorithms) seen = seen || a == *algorithm;
    if (!seen) algorithms.push_back(*algorithm);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return algorithms;
}

struct Hasher::Context {
  EVP_MD_CTX* ctx = nullptr;
  ~Context() { EVP_MD_CTX_free(ctx); }
};

Hasher::Hasher(HashAlgorithm algorithm, std::unique_ptr<Context> context)
    : algorithm_(algorithm), context_(std::move(context)) {}
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;
Hasher::~Hasher() = default;

Result<Hasher> Hasher::Create(HashAlgorithm algorithm) {
  const EVP_MD* md = Md(algorithm);
  auto context = std::make_unique<Context>();
  context->ctx = EVP_MD_CTX_new();
  if (md == nullptr || context->ctx == nullptr ||
      EVP_DigestInit_ex(context->ctx, md, nullptr) != 1) {
    return Status::Internal("OpenSSL cannot compute " + std::string(HashAlgorithmName(algorithm)));
  }
  return Hasher(algorithm, std::move(context));
}

void Hasher::Update(std::span<const uint8_t> data) {
  if (!data.empty() && EVP_DigestUpdate(context_->ctx, data.data(), data.size()) != 1) {
    failed_ = true;
  }
}

void Hasher::Update(std::string_view data) { Update(AsBytes(data)); }

Result<std::string> Hasher::Final() {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const bool ok = !failed_ && EVP_DigestFinal_ex(context_->ctx, digest, &length) == 1;
  // Start over whatever happened, so one failure does not poison later digests.
  failed_ = EVP_DigestInit_ex(context_->ctx, Md(algorithm_), nullptr) != 1;
  if (!ok) {
    return Status::Internal("OpenSSL failed computing " +
                            std::string(HashAlgorithmName(algorithm_)));
  }
  std::string hex(size_t{2} * length, '\0');
  for (size_t i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return hex;
}

Result<MultiHasher> MultiHasher::Create(std::span<const HashAlgorithm> algorithms) {
  std::vector<Hasher> hashers;
  hashers.reserve(algorithms.size());
  for (HashAlgorithm algorithm : algorithms) {
    Result<Hasher> hasher = Hasher::Create(algorithm);
    if (!hasher.ok()) return hasher.status();
    hashers.push_back(std::move(hasher).value());
  }
  return MultiHasher(std::move(hashers));
}

void MultiHasher::Update(std::span<const uint8_t> data) {
  for (Hasher& hasher : hashers_) hasher.Update(data);
}

void MultiHasher::Update(std::string_view data) { Update(AsBytes(data)); }

Result<std::vector<Digest>> MultiHasher::Final() {
  std::vector<Digest> digests;
  digests.reserve(hashers_.size());
  Status failure;
  for (Hasher& hasher : hashers_) {
    Result<std::string> hex = hasher.Final();  // every hasher is finalized, so all start over
    if (!hex.ok()) {
      failure = hex.status();
      continue;
    }
    digests.push_back({hasher.algorithm(), std::move(hex).value()});
  }
  if (!failure.ok()) return failure;
  return digests;
}

Result<std::string> HashBytes(HashAlgorithm algorithm, std::string_view data) {
  Result<Hasher> hasher = Hasher::Create(algorithm);
  if (!hasher.ok()) return hasher.status();
  hasher->Update(data);
  return hasher->Final();
}

const std::string* FileDigests::Find(HashAlgorithm algorithm) const {
  for (const Digest& digest : digests) {
    if (digest.algorithm == algorithm) return &digest.hex;
  }
  return nullptr;
}

Result<FileDigests> HashFd(int fd, std::string_view name, std::span<const HashAlgorithm> algorithms,
                           Progress* progress) {
  Result<MultiHasher> hasher = MultiHasher::Create(algorithms);
  if (!hasher.ok()) return hasher.status();
  auto buffer = std::make_unique_for_overwrite<uint8_t[]>(kReadSize);
  FileDigests result;
  while (true) {
    if (Interrupted()) return Status::Interrupted();
    const ssize_t n = read(fd, buffer.get(), kReadSize);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("cannot read " + std::string(name) + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    hasher->Update(std::span<const uint8_t>(buffer.get(), static_cast<size_t>(n)));
    result.size += static_cast<uint64_t>(n);
    if (progress != nullptr) progress->Update(result.size);
  }
  Result<std::vector<Digest>> digests = hasher->Final();
  if (!digests.ok()) return digests.status();
  result.digests = std::move(digests).value();
  return result;
}

Result<FileDigests> HashFile(const std::string& path, std::span<const HashAlgorithm> algorithms,
                             Progress* progress) {
  int fd;
  do {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::NoInput("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return Status::NoInput("cannot open " + path + ": " + std::strerror(EISDIR));
  }
  // Sequential hint: the kernel reads ahead more aggressively.
  (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Result<FileDigests> result = HashFd(fd, path, algorithms, progress);
  close(fd);
  return result;
}

}  // namespace seckit
