// Tests for seckit/hash.h: published test vectors, streaming in arbitrary chunks, the --hash list
// parser, and file digests checked against md5sum, sha1sum and sha256sum.
#include "seckit/hash.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

using testing::TempDir;

constexpr HashAlgorithm kAll[] = {HashAlgorithm::kMd5, HashAlgorithm::kSha1,
                                  HashAlgorithm::kSha256};

struct Vector {
  std::string input;
  const char* md5;
  const char* sha1;
  const char* sha256;
};

// From RFC 1321, FIPS 180-2 and the usual "quick brown fox" examples.
const std::vector<Vector>& Vectors() {
  static const std::vector<Vector> vectors = {
      {"", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6",
       "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
       "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"},
      {std::string(1000000, 'a'), "7707d6ae4e027c70eea2a935c2296f21",
       "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  return vectors;
}

const char* Expected(const Vector& v, HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kMd5:
      return v.md5;
    case HashAlgorithm::kSha1:
      return v.sha1;
    case HashAlgorithm::kSha256:
      return v.sha256;
  }
  return "";
}

TEST(Hash, NamesAndSizes) {
  for (HashAlgorithm algorithm : kAll) {
    EXPECT_EQ(ParseHashAlgorithm(HashAlgorithmName(algorithm)), algorithm);
    EXPECT_EQ(HashBytes(algorithm, "").value().size(), 2 * HashDigestSize(algorithm));
  }
  EXPECT_EQ(ParseHashAlgorithm("SHA256"), HashAlgorithm::kSha256);
  EXPECT_EQ(ParseHashAlgorithm("sha-1"), HashAlgorithm::kSha1);
  EXPECT_FALSE(ParseHashAlgorithm("sha512"));
  EXPECT_FALSE(ParseHashAlgorithm(""));
}

TEST(Hash, KnownVectors) {
  for (const Vector& v : Vectors()) {
    for (HashAlgorithm algorithm : kAll) {
      Result<std::string> hex = HashBytes(algorithm, v.input);
      ASSERT_TRUE(hex.ok()) << hex.status().message();
      EXPECT_EQ(hex.value(), Expected(v, algorithm))
          << HashAlgorithmName(algorithm) << " of " << v.input.size() << " bytes";
    }
  }
}

TEST(Hash, StreamingInRandomChunksAndReuse) {
  std::mt19937 random(7);
  for (HashAlgorithm algorithm : kAll) {
    Result<Hasher> hasher = Hasher::Create(algorithm);
    ASSERT_TRUE(hasher.ok());
    for (const Vector& v : Vectors()) {  // one Hasher for all: Final starts over
      std::string_view rest = v.input;
      while (!rest.empty()) {
        const size_t n =
            std::uniform_int_distribution<size_t>(0, 70000)(random) % (rest.size() + 1);
        hasher->Update(rest.substr(0, n));
        rest.remove_prefix(n);
      }
      EXPECT_EQ(hasher->Final().value(), Expected(v, algorithm));
    }
  }
}

TEST(Hash, MultiHasherKeepsOrder) {
  const HashAlgorithm order[] = {HashAlgorithm::kSha256, HashAlgorithm::kMd5};
  Result<MultiHasher> multi = MultiHasher::Create(order);
  ASSERT_TRUE(multi.ok());
  multi->Update(std::string_view("ab"));
  multi->Update(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("c"), 1));
  Result<std::vector<Digest>> digests = multi->Final();
  ASSERT_TRUE(digests.ok());
  EXPECT_EQ(digests.value(), (std::vector<Digest>{{HashAlgorithm::kSha256, Vectors()[1].sha256},
                                                  {HashAlgorithm::kMd5, Vectors()[1].md5}}));
  EXPECT_EQ(multi->Final().value()[1].hex, Vectors()[0].md5);  // started over
  Result<MultiHasher> none = MultiHasher::Create({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->Final().value().empty());
}

TEST(ParseHashList, AcceptsListsAndNamesTheBadEntry) {
  using V = std::vector<HashAlgorithm>;
  EXPECT_EQ(ParseHashList("md5,sha256").value(), (V{HashAlgorithm::kMd5, HashAlgorithm::kSha256}));
  EXPECT_EQ(ParseHashList("SHA-256, md5 ,sha1").value(),
            (V{HashAlgorithm::kSha256, HashAlgorithm::kMd5, HashAlgorithm::kSha1}));
  EXPECT_EQ(ParseHashList("sha1,md5,sha1").value(), (V{HashAlgorithm::kSha1, HashAlgorithm::kMd5}));

  Result<V> bad = ParseHashList("md5,sha512");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ExitCode::kUsage);
  EXPECT_NE(bad.status().message().find("'sha512'"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("sha256"), std::string::npos);  // lists valid names
  for (const char* list : {"", "md5,", ",md5", "md5,,sha1", " "}) {
    Result<V> empty = ParseHashList(list);
    ASSERT_FALSE(empty.ok()) << "'" << list << "'";
    EXPECT_EQ(empty.status().code(), ExitCode::kUsage);
    EXPECT_NE(empty.status().message().find("empty entry"), std::string::npos);
  }
}

// The digest a reference tool prints for `path` ("<hex>  <path>\n").
std::string ReferenceDigest(HashAlgorithm algorithm, const std::string& path) {
  const std::string tool = std::string(HashAlgorithmName(algorithm)) + "sum";
  testing::CommandResult r = testing::Run({tool, path});
  EXPECT_EQ(r.exit_code, 0) << tool << ": " << r.err;
  return r.out.substr(0, r.out.find(' '));
}

void ExpectMatchesReferenceTools(const std::string& path, uint64_t size) {
  for (const char* tool : {"md5sum", "sha1sum", "sha256sum"}) {
    if (!testing::HaveProgram(tool)) GTEST_SKIP() << tool << " not found";
  }
  Result<FileDigests> ours = HashFile(path, kAll);
  ASSERT_TRUE(ours.ok()) << ours.status().message();
  EXPECT_EQ(ours->size, size);
  ASSERT_EQ(ours->digests.size(), 3u);
  for (HashAlgorithm algorithm : kAll) {
    ASSERT_NE(ours->Find(algorithm), nullptr);
    EXPECT_EQ(*ours->Find(algorithm), ReferenceDigest(algorithm, path))
        << HashAlgorithmName(algorithm) << " of " << path;
  }
}

TEST(HashFile, MatchesCoreutilsOnGeneratedFiles) {
  TempDir dir;
  std::mt19937_64 random(99);
  // Sizes around the 1 MiB read size as well as empty, tiny and large.
  for (size_t size :
       {size_t{0}, size_t{1}, size_t{1} << 20, (size_t{1} << 20) + 1, size_t{10'000'007}}) {
    std::string data(size, '\0');
    for (char& c : data) c = static_cast<char>(random());
    const std::string path = (dir / ("f" + std::to_string(size))).string();
    testing::WriteFile(path, data);
    ExpectMatchesReferenceTools(path, size);
  }
}

TEST(HashFile, MatchesCoreutilsOnCorpusImage) {
  SECKIT_REQUIRE_CORPUS(image, "disk/imynd.dd");
  ExpectMatchesReferenceTools(image.string(), std::filesystem::file_size(image));
}

TEST(HashFile, ErrorsNameThePath) {
  TempDir dir;
  const std::string missing = (dir / "missing.bin").string();
  Result<FileDigests> r = HashFile(missing, kAll);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ExitCode::kNoInput);
  EXPECT_NE(r.status().message().find(missing), std::string::npos) << r.status().message();

  Result<FileDigests> d = HashFile(dir.path().string(), kAll);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), ExitCode::kNoInput);
  EXPECT_NE(d.status().message().find("directory"), std::string::npos) << d.status().message();

  // A descriptor that cannot be read: IoError naming the input.
  const int fd = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  Result<FileDigests> io = HashFd(fd, "some-dir", kAll);
  close(fd);
  ASSERT_FALSE(io.ok());
  EXPECT_EQ(io.status().code(), ExitCode::kIoError);
  EXPECT_NE(io.status().message().find("cannot read some-dir"), std::string::npos);
}

TEST(HashFd, ReadsAPipeToItsEnd) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const std::string& data = Vectors()[3].input;  // a million 'a'
  std::thread writer([&] {
    // Short writes on purpose, so the reader sees many partial reads.
    for (size_t off = 0; off < data.size(); off += 4099) {
      const size_t n = std::min<size_t>(4099, data.size() - off);
      ASSERT_EQ(write(fds[1], data.data() + off, n), static_cast<ssize_t>(n));
    }
    close(fds[1]);
  });
  Result<FileDigests> r = HashFd(fds[0], "pipe", kAll);
  writer.join();
  close(fds[0]);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->size, data.size());
  EXPECT_EQ(*r->Find(HashAlgorithm::kSha256), Vectors()[3].sha256);
  EXPECT_EQ(*r->Find(HashAlgorithm::kMd5), Vectors()[3].md5);
}

}  // namespace
}  // namespace seckit
