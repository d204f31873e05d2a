// The server over real sockets (an ephemeral port on 127.0.0.1): the API as a
// browser sees it, the library's own limits as JSON errors, concurrent saves
// serialised, and a server killed in the middle of saves never leaving a
// corrupt evidence file.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "cli/serve/http_server.h"
#include "evidence/loader.h"
#include "serve_fixture.h"

namespace cchc::servetest::http_test {
namespace {

class HttpTest : public ServeTest {
 protected:
  void SetUp() override {
    ServeTest::SetUp();
    server_ = std::make_unique<serve::HttpServer>(app_.get());
    std::string why;
    port_ = server_->Bind("127.0.0.1", 0, &why);
    ASSERT_GT(port_, 0) << why;
    thread_ = std::thread([this] { server_->Serve(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
    ServeTest::TearDown();
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }

  std::unique_ptr<serve::HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(HttpTest, ServesThePageAndTheApi) {
  auto c = Client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("app.js"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  auto score = c.Get("/api/score");
  ASSERT_TRUE(score);
  EXPECT_EQ(score->status, 200);
  EXPECT_EQ(score->body, app_->Handle(Get("/api/score", port_)).body);
  auto head = c.Head("/api/score");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
}

TEST_F(HttpTest, TooLargeAndBrokenRequestsGetJsonErrors) {
  auto c = Client();
  auto big = c.Post("/api/preview", std::string((16u << 20) + 10, ' '), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_NE(big->body.find("\"error\""), std::string::npos);
  auto missing = c.Get("/nothing-here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("\"error\""), std::string::npos);
  auto bad = c.Post("/api/whatif", "{\"effects\": 7}", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  httplib::Headers foreign = {{"Host", "rebound.example:" + std::to_string(port_)}};
  auto rebound = c.Get("/api/score", foreign);
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);
  // Still alive after all of that.
  auto ok = c.Get("/api/info");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(HttpTest, ConcurrentSavesFromOneVersionLetExactlyOneThrough) {
  const std::string doc = nlohmann::json::parse(Slurp(kEvidence)).dump();
  std::atomic<int> ok{0}, stale{0};
  std::vector<std::thread> tabs;
  for (int i = 0; i < 6; ++i) {
    tabs.emplace_back([&] {
      auto c = Client();
      auto r = c.Post("/api/evidence?version=1", doc, "application/json");
      if (r && r->status == 200) ++ok;
      if (r && r->status == 409) ++stale;
    });
  }
  for (auto& t : tabs) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(stale.load(), 5);
}

// Reads the first line the child prints, with a deadline.
std::string ReadLine(int fd, int seconds) {
  std::string line;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    char c;
    ssize_t n = ::read(fd, &c, 1);
    if (n == 1) {
      if (c == '\n') return line;
      line += c;
    } else if (n == 0) {
      break;
    }
  }
  return line;
}

TEST_F(ServeTest, KillingTheServerMidSaveNeverCorruptsTheEvidence) {
  // Versions the saves may leave: the original or any saved document.
  std::set<std::string> records_seen;
  std::mt19937 rng(42);
  for (int round = 0; round < 4; ++round) {
    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::execl(CCHC_BINARY, CCHC_BINARY, "serve", kCriteria.c_str(), evidence_.c_str(), "--port",
              "0", "--lang", "en", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    const std::string line = ReadLine(out[0], 30);
    const size_t colon = line.rfind(':');
    ASSERT_NE(colon, std::string::npos) << line;
    const int port = std::atoi(line.c_str() + colon + 1);
    ASSERT_GT(port, 0) << line;
    // The printed address carries the token the server generated.
    const size_t token_at = line.find("?token=");
    ASSERT_NE(token_at, std::string::npos) << line;
    const std::string token =
        line.substr(token_at + 7, line.find_first_of(" \r\n", token_at) - token_at - 7);
    httplib::Client c("127.0.0.1", port);
    c.set_default_headers({{"X-CCHC-Token", token}});
    auto bare = httplib::Client("127.0.0.1", port).Get("/api/info");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->status, 401) << "a request without the token must be refused";
    auto info = c.Get("/api/info");
    ASSERT_TRUE(info);
    int version = nlohmann::json::parse(info->body)["version"];
    // Save a growing evidence file again and again; kill at a random moment.
    std::atomic<bool> stop{false};
    std::thread saver([&] {
      auto doc = nlohmann::ordered_json::parse(Slurp(kEvidence));
      for (int i = 0; !stop; ++i) {
        doc["records"].push_back(
            {{"id", "EXTRA-" + std::to_string(round) + "-" + std::to_string(i)},
             {"kind", "dialogue"},
             {"chaired_by", std::string(2000, 'x')},
             {"participants", i}});
        auto r = c.Post("/api/evidence?version=" + std::to_string(version), doc.dump(),
                        "application/json");
        if (!r) break;
        if (r->status == 200) version = nlohmann::json::parse(r->body)["version"];
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 200));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    stop = true;
    saver.join();
    ::close(out[0]);
    // Whatever moment the kill hit, the file is one whole, valid version.
    EvidenceLoad load = LoadEvidenceJson(Slurp(evidence_), evidence_, nullptr);
    ASSERT_TRUE(load.ok()) << "round " << round << ": " << RenderIssues(load.issues);
    EXPECT_GE(load.evidence.records.size(), 100u);
  }
}

}  // namespace
}  // namespace cchc::servetest::http_test
