// Tests for the secret registry and for text and URL redaction.
#include "seckit/redact.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <thread>
#include <vector>

namespace seckit {
namespace {

TEST(Redactor, ReplacesEveryOccurrence) {
  Redactor redactor;
  redactor.Add("s3cr3t-key-0123");
  EXPECT_EQ(redactor.Redact("key=s3cr3t-key-0123; again s3cr3t-key-0123."),
            "key=[REDACTED]; again [REDACTED].");
}

TEST(Redactor, LeavesTextWithoutSecretsAlone) {
  Redactor redactor;
  EXPECT_EQ(redactor.Redact("nothing registered"), "nothing registered");
  redactor.Add("abcdefgh");
  EXPECT_EQ(redactor.Redact("abcdefg is not the secret"), "abcdefg is not the secret");
  EXPECT_EQ(redactor.Redact(""), "");
}

TEST(Redactor, IgnoresSecretsShorterThanMinimum) {
  Redactor redactor;
  redactor.Add("");
  redactor.Add("abc");
  EXPECT_EQ(redactor.size(), 0u);
  EXPECT_EQ(redactor.Redact("abc abcdef"), "abc abcdef");
  redactor.Add("abcd");  // exactly the minimum is registered
  EXPECT_EQ(redactor.Redact("abc abcdef"), "abc [REDACTED]ef");
}

TEST(Redactor, OverlappingAndAdjacentSecretsCollapse) {
  Redactor redactor;
  redactor.Add("abcd");
  redactor.Add("cdef");
  EXPECT_EQ(redactor.Redact("xabcdefx"), "x[REDACTED]x");
  EXPECT_EQ(redactor.Redact("abcdabcd"), "[REDACTED]");
  redactor.Add("aaaa");
  EXPECT_EQ(redactor.Redact("aaaaaa-"), "[REDACTED]-");  // overlapping matches of one secret
}

TEST(Redactor, DuplicatesAreRegisteredOnce) {
  Redactor redactor;
  redactor.Add("plainsecret");
  redactor.Add("plainsecret");
  EXPECT_EQ(redactor.size(), 1u);  // percent-encoding changes nothing, so only one form
}

TEST(Redactor, RedactsPercentEncodedForm) {
  Redactor redactor;
  redactor.Add("ab+cd/ef==");  // base64-looking key
  EXPECT_EQ(redactor.size(), 2u);
  EXPECT_EQ(redactor.Redact("GET /x?k=ab%2Bcd%2Fef%3D%3D"), "GET /x?k=[REDACTED]");
  EXPECT_EQ(redactor.Redact("raw ab+cd/ef=="), "raw [REDACTED]");
}

TEST(Redactor, ClearForTesting) {
  Redactor redactor;
  redactor.Add("forget-me");
  redactor.ClearForTesting();
  EXPECT_EQ(redactor.Redact("forget-me"), "forget-me");
}

TEST(Redactor, RedactUrlMasksCredentialParameters) {
  Redactor redactor;
  EXPECT_EQ(redactor.RedactUrl("https://api.example/v3/ip?ip=1.2.3.4&apikey=XYZ123&format=json"),
            "https://api.example/v3/ip?ip=1.2.3.4&apikey=[REDACTED]&format=json");
  EXPECT_EQ(redactor.RedactUrl("https://h/p?api_key=a&key=b&token=c&auth=d&q=token"),
            "https://h/p?api_key=[REDACTED]&key=[REDACTED]&token=[REDACTED]&auth=[REDACTED]"
            "&q=token");
  EXPECT_EQ(redactor.RedactUrl("https://h/p?access_token=a&accessToken=b&X-Api-Key=c"),
            "https://h/p?access_token=[REDACTED]&accessToken=[REDACTED]&X-Api-Key=[REDACTED]");
  EXPECT_EQ(redactor.RedactUrl("https://h/p?api%5Fkey=a"), "https://h/p?api%5Fkey=[REDACTED]");
}

TEST(Redactor, RedactUrlKeepsFragmentAndOddQueries) {
  Redactor redactor;
  EXPECT_EQ(redactor.RedactUrl("https://h/p?token=abc#token=frag"),
            "https://h/p?token=[REDACTED]#token=frag");
  EXPECT_EQ(redactor.RedactUrl("https://h/p?"), "https://h/p?");
  EXPECT_EQ(redactor.RedactUrl("https://h/p?token&x=1&"), "https://h/p?token&x=1&");
  EXPECT_EQ(redactor.RedactUrl("https://h/p#frag?token=x"), "https://h/p#frag?token=x");
  EXPECT_EQ(redactor.RedactUrl("/relative?key=v"), "/relative?key=[REDACTED]");
}

TEST(Redactor, RedactUrlMasksUserinfoPassword) {
  Redactor redactor;
  EXPECT_EQ(redactor.RedactUrl("https://alice:hunter22@proxy.example:8080/x"),
            "https://alice:[REDACTED]@proxy.example:8080/x");
  EXPECT_EQ(redactor.RedactUrl("http://bob:p@ss@host"), "http://bob:[REDACTED]@host");
  EXPECT_EQ(redactor.RedactUrl("https://alice@host/x"), "https://alice@host/x");
  EXPECT_EQ(redactor.RedactUrl("https://host:443/a@b"), "https://host:443/a@b");
}

TEST(Redactor, RedactUrlAlsoRemovesRegisteredSecrets) {
  Redactor redactor;
  redactor.Add("0123456789abcdef");
  EXPECT_EQ(redactor.RedactUrl("https://h/api/0123456789abcdef/lookup?x=1"),
            "https://h/api/[REDACTED]/lookup?x=1");
}

TEST(Redactor, SensitiveParameterNames) {
  for (const char* name :
       {"key", "apikey", "api_key", "API-KEY", "token", "access_token", "accessToken", "auth",
        "authorization", "password", "client_secret", "sig", "x-apikey", "refresh.token"}) {
    EXPECT_TRUE(IsSensitiveParameterName(name)) << name;
  }
  for (const char* name : {"", "q", "ip", "format", "monkey", "keyword", "author", "page"}) {
    EXPECT_FALSE(IsSensitiveParameterName(name)) << name;
  }
}

TEST(Redactor, SecretKeyNames) {
  for (const char* name :
       {"api_key", "API_KEY", "apikey", "token", "password", "secret", "virustotal_api_key",
        "github_token", "client-secret", "smtp_password", "SECKIT_SHODAN_API_KEY"}) {
    EXPECT_TRUE(IsSecretKeyName(name)) << name;
  }
  for (const char* name : {"", "key", "timeout", "token_file", "max_tokens", "secrets_dir",
                           "password_command", "url"}) {
    EXPECT_FALSE(IsSecretKeyName(name)) << name;
  }
}

TEST(Redactor, AddFromEnvironmentTakesSecretLikeSeckitVariables) {
  setenv("SECKIT_REDACTTEST_API_KEY", "env-secret-value-1", 1);
  setenv("SECKIT_REDACTTEST_TIMEOUT", "timeout-value-99", 1);
  setenv("OTHER_REDACTTEST_TOKEN", "foreign-token-value", 1);
  Redactor redactor;
  redactor.AddFromEnvironment();
  EXPECT_EQ(redactor.Redact("env-secret-value-1"), "[REDACTED]");
  EXPECT_EQ(redactor.Redact("timeout-value-99"), "timeout-value-99");
  EXPECT_EQ(redactor.Redact("foreign-token-value"), "foreign-token-value");
  unsetenv("SECKIT_REDACTTEST_API_KEY");
  unsetenv("SECKIT_REDACTTEST_TIMEOUT");
  unsetenv("OTHER_REDACTTEST_TOKEN");
}

TEST(Redactor, GlobalShorthandsShareOneRegistry) {
  RegisterSecret("global-shorthand-secret");
  EXPECT_EQ(Redact("x global-shorthand-secret"), "x [REDACTED]");
  EXPECT_EQ(RedactUrl("https://h/global-shorthand-secret?token=1"),
            "https://h/[REDACTED]?token=[REDACTED]");
  EXPECT_EQ(&Redactor::Global(), &Redactor::Global());
}

// Registration and redaction race from several threads; run under TSan to make this meaningful.
TEST(Redactor, ConcurrentAddAndRedact) {
  Redactor redactor;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&redactor, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string secret = "thread" + std::to_string(t) + "-secret-" + std::to_string(i);
        redactor.Add(secret);
        EXPECT_EQ(redactor.Redact("<" + secret + ">"), "<[REDACTED]>");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(redactor.size(), 800u);
}

}  // namespace
}  // namespace seckit
