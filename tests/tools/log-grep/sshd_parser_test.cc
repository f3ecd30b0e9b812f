// Unit tests for ParseSshdMessage: every OpenSSH message form it recognises, user names with
// spaces, IPv6, unparsable addresses, and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "log_parsers.h"
#include "log_parsers_test_util.h"

namespace seckit::log_grep {
namespace {

std::string Parse(std::string_view message) {
  LogEvent e;
  ParseSshdMessage(message, e);
  EXPECT_TRUE(WellFormed(e)) << message;
  return Dump(e);
}

constexpr const char* kLoginFailure =
    "event.category=\"authentication\"\nevent.action=\"ssh_login\"\nevent.outcome=\"failure\"\n";
constexpr const char* kLoginSuccess =
    "event.category=\"authentication\"\nevent.action=\"ssh_login\"\nevent.outcome=\"success\"\n";

TEST(SshdParser, FailedPassword) {
  EXPECT_EQ(Parse("Failed password for root from 5.36.59.76 port 42393 ssh2"),
            std::string(kLoginFailure) +
                "user.name=\"root\"\nsource.ip=\"5.36.59.76\"\nsource.port=42393\n"
                "ssh.auth.method=\"password\"\n");
  EXPECT_EQ(Parse("Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2"),
            std::string(kLoginFailure) +
                "user.name=\"webmaster\"\nsource.ip=\"173.234.31.186\"\nsource.port=38926\n"
                "ssh.auth.method=\"password\"\n");
  // A name with spaces (and one that looks like the rest of the message) stays whole.
  EXPECT_EQ(Parse("Failed password for invalid user  0101 from 5.188.10.180 port 36279 ssh2"),
            std::string(kLoginFailure) +
                "user.name=\" 0101\"\nsource.ip=\"5.188.10.180\"\nsource.port=36279\n"
                "ssh.auth.method=\"password\"\n");
  EXPECT_EQ(
      Parse("Failed password for invalid user a from 6.6.6.6 port 1 from 1.2.3.4 port 22 ssh2"),
      std::string(kLoginFailure) +
          "user.name=\"a from 6.6.6.6 port 1\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n"
          "ssh.auth.method=\"password\"\n");
}

TEST(SshdParser, OtherMethods) {
  EXPECT_EQ(Parse("Failed none for invalid user 0 from 5.188.10.180 port 49811 ssh2"),
            std::string(kLoginFailure) +
                "user.name=\"0\"\nsource.ip=\"5.188.10.180\"\nsource.port=49811\n"
                "ssh.auth.method=\"none\"\n");
  EXPECT_EQ(Parse("Failed publickey for plaso from 2001:db8::1 port 8759"),
            std::string(kLoginFailure) +
                "user.name=\"plaso\"\nsource.ip=\"2001:db8::1\"\nsource.port=8759\n"
                "ssh.auth.method=\"publickey\"\n");
  EXPECT_EQ(Parse("Accepted keyboard-interactive/pam for alice from 10.0.0.1 port 5 ssh2"),
            std::string(kLoginSuccess) +
                "user.name=\"alice\"\nsource.ip=\"10.0.0.1\"\nsource.port=5\n"
                "ssh.auth.method=\"keyboard-interactive\"\n");
}

TEST(SshdParser, Accepted) {
  EXPECT_EQ(Parse("Accepted password for plaso from 2001:0db8:0a0b:12f0:0000:0000:0000:0001 port "
                  "42532  ssh2"),
            std::string(kLoginSuccess) +
                "user.name=\"plaso\"\nsource.ip=\"2001:db8:a0b:12f0::1\"\nsource.port=42532\n"
                "ssh.auth.method=\"password\"\n");
  EXPECT_EQ(
      Parse("Accepted publickey for fred from 192.0.2.60 port 59915 ssh2: RSA "
            "SHA256:5xyQ+PG1Z3CIiShclJ2iNya5TOdKDgE/HrOXr21IdOo"),
      std::string(kLoginSuccess) +
          "user.name=\"fred\"\nsource.ip=\"192.0.2.60\"\nsource.port=59915\n"
          "ssh.auth.method=\"publickey\"\nssh.auth.key.type=\"RSA\"\n"
          "ssh.auth.key.fingerprint=\"SHA256:5xyQ+PG1Z3CIiShclJ2iNya5TOdKDgE/HrOXr21IdOo\"\n");
}

TEST(SshdParser, UnparsableAddressKeepsTheRest) {
  EXPECT_EQ(Parse("Failed publickey for plaso from 1.2.3.256 port 8759"),
            std::string(kLoginFailure) +
                "user.name=\"plaso\"\nsource.address=\"1.2.3.256\"\nsource.port=8759\n"
                "ssh.auth.method=\"publickey\"\n");
  EXPECT_EQ(Parse("Invalid user x from fe80::1%eth0 port 22"),
            "event.category=\"authentication\"\nevent.action=\"ssh_invalid_user\"\n"
            "event.outcome=\"failure\"\nuser.name=\"x\"\nsource.address=\"fe80::1%eth0\"\n"
            "source.port=22\n");
}

TEST(SshdParser, InvalidUser) {
  const std::string head =
      "event.category=\"authentication\"\nevent.action=\"ssh_invalid_user\"\n"
      "event.outcome=\"failure\"\n";
  EXPECT_EQ(Parse("Invalid user webmaster from 173.234.31.186"),
            head + "user.name=\"webmaster\"\nsource.ip=\"173.234.31.186\"\n");
  EXPECT_EQ(Parse("Invalid user test 9 from ::1 port 4242"),
            head + "user.name=\"test 9\"\nsource.ip=\"::1\"\nsource.port=4242\n");
  EXPECT_EQ(Parse("Invalid user  from 1.2.3.4 port 22"),
            head + "source.ip=\"1.2.3.4\"\nsource.port=22\n");
}

TEST(SshdParser, ConnectionClosed) {
  const std::string head = "event.category=\"session\"\nevent.action=\"ssh_connection_closed\"\n";
  EXPECT_EQ(Parse("Connection closed by 173.234.31.186 [preauth]"),
            head + "source.ip=\"173.234.31.186\"\n");
  EXPECT_EQ(Parse("Connection closed by 1.2.3.4 port 22 [preauth]"),
            head + "source.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Connection closed by invalid user admin 1.2.3.4 port 22 [preauth]"),
            head + "user.name=\"admin\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Connection closed by authenticating user root 2001:db8::2 port 22 [preauth]"),
            head + "user.name=\"root\"\nsource.ip=\"2001:db8::2\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Connection closed by invalid user a b 1.2.3.4 port 22 [preauth]"),
            head + "user.name=\"a b\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
}

TEST(SshdParser, Disconnects) {
  const std::string head = "event.category=\"session\"\nevent.action=\"ssh_disconnect\"\n";
  EXPECT_EQ(Parse("Disconnected from invalid user guest 1.2.3.4 port 22 [preauth]"),
            head + "user.name=\"guest\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Disconnected from authenticating user root 1.2.3.4 port 22 [preauth]"),
            head + "user.name=\"root\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Disconnected from user fred 1.2.3.4 port 22"),
            head + "user.name=\"fred\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Received disconnect from 1.2.3.4 port 50916:11: Bye Bye [preauth]"),
            head + "source.ip=\"1.2.3.4\"\nsource.port=50916\n");
  EXPECT_EQ(Parse("Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]"),
            head + "source.ip=\"52.80.34.196\"\n");
  EXPECT_EQ(Parse("error: Received disconnect from 2001:db8::: 3: Auth fail [preauth]"),
            head + "source.ip=\"2001:db8::\"\n");
  EXPECT_EQ(Parse("Received disconnect from 2001:db8::5 port 22:11: disconnected by user"),
            head + "source.ip=\"2001:db8::5\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Disconnecting authenticating user root 1.2.3.4 port 22: Too many "
                  "authentication failures [preauth]"),
            head + "user.name=\"root\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("Disconnecting invalid user a: b 1.2.3.4 port 22: Change of username"),
            head + "user.name=\"a: b\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
}

TEST(SshdParser, PamAuthFailure) {
  const std::string head =
      "event.category=\"authentication\"\nevent.action=\"ssh_pam_auth_failure\"\n"
      "event.outcome=\"failure\"\n";
  EXPECT_EQ(Parse("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                  "ruser= rhost=183.62.140.253  user=root"),
            head + "user.name=\"root\"\nsource.ip=\"183.62.140.253\"\n");
  EXPECT_EQ(Parse("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                  "ruser= rhost=173.234.31.186 "),
            head + "source.ip=\"173.234.31.186\"\n");
  // The older form, logged under the tag "sshd(pam_unix)", with a host name.
  EXPECT_EQ(Parse("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= "
                  "rhost=220-135-151-1.hinet-ip.hinet.net  user=root"),
            head + "user.name=\"root\"\nsource.domain=\"220-135-151-1.hinet-ip.hinet.net\"\n");
  EXPECT_EQ(Parse("pam_unix(sshd:auth): authentication failure; logname= ruser= rhost= "), head);
  EXPECT_EQ(Parse("pam_unix(sshd:auth): check pass; user unknown"), "");
  EXPECT_EQ(Parse("PAM 5 more authentication failures; logname= rhost=1.2.3.4 user=root"), "");
}

TEST(SshdParser, MaxAuthExceeded) {
  const std::string head =
      "event.category=\"authentication\"\nevent.action=\"ssh_max_auth_exceeded\"\n"
      "event.outcome=\"failure\"\n";
  EXPECT_EQ(Parse("error: maximum authentication attempts exceeded for invalid user admin from "
                  "1.2.3.4 port 22 ssh2 [preauth]"),
            head + "user.name=\"admin\"\nsource.ip=\"1.2.3.4\"\nsource.port=22\n");
  EXPECT_EQ(Parse("error: maximum authentication attempts exceeded for root from ::1 port 2 ssh2"),
            head + "user.name=\"root\"\nsource.ip=\"::1\"\nsource.port=2\n");
  EXPECT_EQ(Parse("Disconnecting: Too many authentication failures for root [preauth]"),
            head + "user.name=\"root\"\n");
  EXPECT_EQ(Parse("Disconnecting: Too many authentication failures [preauth]"), head);
}

TEST(SshdParser, BreakInAttempt) {
  const std::string head = "event.category=\"network\"\nevent.action=\"ssh_break_in_attempt\"\n";
  EXPECT_EQ(Parse("reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com "
                  "[173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!"),
            head + "source.ip=\"173.234.31.186\"\nsource.domain=\"ns.marryaldkfaczcz.com\"\n");
  EXPECT_EQ(Parse("Address 1.2.3.4 maps to evil.example, but this does not map back to the "
                  "address - POSSIBLE BREAK-IN ATTEMPT!"),
            head + "source.ip=\"1.2.3.4\"\nsource.domain=\"evil.example\"\n");
  EXPECT_EQ(Parse("reverse mapping checking getaddrinfo for no-bracket failed"), "");
}

TEST(SshdParser, RepeatedMessage) {
  EXPECT_EQ(Parse("message repeated 5 times: [ Failed password for root from 5.36.59.76 port "
                  "42393 ssh2]"),
            "log.syslog.repeat_count=5\n" + std::string(kLoginFailure) +
                "user.name=\"root\"\nsource.ip=\"5.36.59.76\"\nsource.port=42393\n"
                "ssh.auth.method=\"password\"\n");
}

TEST(SshdParser, Unrecognised) {
  for (const char* message : {
           "",
           " ",
           "Server listening on 0.0.0.0 port 22.",
           "Connection from 188.124.3.41 port 32889",
           "input_userauth_request: invalid user webmaster [preauth]",
           "Did not receive identification string from 103.207.39.16",
           "Failed",
           "Failed ",
           "Failed password",
           "Failed password for root",
           "Failed PASSWORD for root from 1.2.3.4 port 1",
           "Accepted x y",
           "message repeated x",
           // Found by fuzz_log_parsers: "/password" left an empty ssh.auth.method.
           "Failed /password for invalid user admin from 203.0.113.7 port 4242 ssh2",
       }) {
    EXPECT_EQ(Parse(message), "") << message;
  }
}

TEST(SshdParser, HostileInput) {
  // Truncated at every byte, each form: never crashes, never reads past the view.
  for (const char* full : {
           "message repeated 2 times: [ Failed password for invalid user a from ::1 port 22 "
           "ssh2: RSA SHA256:x]",
           "Connection closed by authenticating user root 1.2.3.4 port 22 [preauth]",
           "Received disconnect from 2001:db8::5 port 22:11: Bye",
           "Disconnecting invalid user a 1.2.3.4 port 22: x",
           "pam_unix(sshd:auth): authentication failure; rhost=h  user=root",
           "reverse mapping checking getaddrinfo for h [1.2.3.4] failed",
           "Address 1.2.3.4 maps to h, but",
           "error: maximum authentication attempts exceeded for root from 1.2.3.4 port 2",
       }) {
    const std::string text = full;
    for (size_t n = 0; n <= text.size(); ++n) Parse(text.substr(0, n));
  }
  constexpr char kNul[] = "Invalid user \0\xff from \xc3(";
  Parse(std::string(kNul, sizeof(kNul) - 1));
  Parse("Invalid user " + std::string(1 << 20, ' ') + " from 1.2.3.4");
  Parse("Connection closed by " + std::string(1 << 20, 'x'));
  Parse("Received disconnect from " + std::string(1 << 20, ':'));
  Parse("Disconnecting " + std::string(1 << 20, ':'));
  Parse("Disconnecting " + std::string(1 << 19, ':') + std::string(1 << 19, ' '));
}

}  // namespace
}  // namespace seckit::log_grep
