// The request handlers without sockets: the JSON API returns what the
// commands print, edits are previewed without saving, saves are versioned,
// atomic and kept in a history, and every bad request gets a 4xx JSON error.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/serve/evidence_json.h"
#include "criteria/input_limits.h"
#include "evidence/loader.h"
#include "serve_fixture.h"

namespace cchc::servetest::handlers_test {
namespace {

using nlohmann::ordered_json;

std::string RunCommand(int (*fn)(const ScoreOptions&, std::ostream&, std::ostream&),
                       const ScoreOptions& o) {
  std::ostringstream out, err;
  EXPECT_EQ(fn(o, out, err), 0) << err.str();
  return out.str();
}

bool IsJsonError(const serve::Response& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return !j.is_discarded() && j.contains("error") && j["error"].contains("code") &&
         j["error"].contains("message");
}

// The example's evidence with one field of one record replaced.
std::string EditedEvidence(const std::string& record, const std::string& field,
                           const ordered_json& value) {
  ordered_json doc = ordered_json::parse(Slurp(kEvidence));
  for (auto& r : doc["records"]) {
    if (r["id"] == record) r[field] = value;
  }
  return doc.dump(1);
}

TEST_F(ServeTest, ScoreIsExactlyTheScoreCommandsJson) {
  ScoreOptions o{kCriteria, evidence_, {"json", "", "vi"}};
  const std::string expected = RunCommand(&RunScore, o);
  serve::Response r = app_->Handle(Get("/api/score"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, expected);
  EXPECT_NE(r.content_type.find("application/json"), std::string::npos);
}

TEST_F(ServeTest, WhatIfIsExactlyTheWhatIfCommandsJsonAndSavesNothing) {
  WhatIfOptions o;
  o.criteria = kCriteria;
  o.evidence = evidence_;
  o.scenarios = {kScenario};
  o.output.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunWhatIf(o, out, err), 0) << err.str();
  const std::string before = Slurp(evidence_);
  serve::Response r = app_->Handle(Post("/api/whatif?source=" + kScenario, Slurp(kScenario)));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, out.str());
  EXPECT_EQ(Slurp(evidence_), before);
}

TEST_F(ServeTest, TasksAreExactlyTheTasksCommandsJson) {
  TasksOptions o;
  o.criteria = kCriteria;
  o.evidence = evidence_;
  o.tasks = kTasks;
  o.budget = 30;
  o.output.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunTasks(o, out, err), 0) << err.str();
  serve::Response r = app_->Handle(Get("/api/tasks?budget=30"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, out.str());
  auto j = nlohmann::json::parse(r.body);
  ASSERT_FALSE(j["tasks"].empty());
  // Applying the best set as a what-if gives the set's index.
  ordered_json apply = {{"tasks", j["budget"]["best"]["tasks"]}};
  serve::Response a = app_->Handle(Post("/api/tasks/apply", apply.dump()));
  ASSERT_EQ(a.status, 200) << a.body;
  auto w = nlohmann::json::parse(a.body);
  EXPECT_NEAR(w["scenarios"][0]["percent"].get<double>(),
              j["budget"]["best"]["percent"].get<double>(), 1e-9);
}

TEST_F(ServeTest, TargetBandIsMatchedInAnyCaseAndForm) {
  // "TỐT" in capitals and "Tốt" decomposed (o + combining marks) both mean "Tốt".
  for (const std::string typed : {"T\xe1\xbb\x90T", "To\xcc\x82\xcc\x81t"}) {
    serve::Response r = app_->Handle(Get("/api/tasks?target=" + typed));
    ASSERT_EQ(r.status, 200) << typed << ": " << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body)["target"]["band"], "T\xe1\xbb\x91t") << typed;
  }
  serve::Response bad = app_->Handle(Get("/api/tasks?target=Tot"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("the bands are"), std::string::npos) << bad.body;
}

// A plan over kMaxTasks: the tasks route and the report answer 422 with the
// one message, never an empty analysis.
TEST_F(ServeTest, TasksOverTheCapAreRefusedWithTheMessage) {
  std::string tasks;
  for (size_t i = 0; i <= kMaxTasks; ++i) {
    if (i) tasks += ",";
    tasks += R"({"id": "T)" + std::to_string(i) + R"(", "effort": 1, "effects": []})";
  }
  const std::string path = dir_ + "/tasks26.json";
  WriteFile(path, R"({"plan": "x", "tasks": [)" + tasks + "]}");
  std::unique_ptr<serve::App> app = MakeApp(evidence_, path, "", Lang::kEn);
  ASSERT_NE(app, nullptr);
  for (const char* route : {"/api/tasks", "/api/report.html"}) {
    serve::Response r = app->Handle(Get(route));
    EXPECT_EQ(r.status, 422) << route << " " << r.body;
    EXPECT_NE(r.body.find("the plan has 26 tasks, over the limit of 25"), std::string::npos)
        << r.body;
  }
}

TEST_F(ServeTest, EvidenceRoundTripsThroughTheEditorsJson) {
  serve::Response r = app_->Handle(Get("/api/evidence"));
  ASSERT_EQ(r.status, 200);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["version"], 1);
  // Saving the editor's document unchanged keeps every score.
  const std::string before = app_->Handle(Get("/api/score")).body;
  serve::Response saved = app_->Handle(Post("/api/evidence?version=1", j["evidence"].dump()));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(app_->Handle(Get("/api/score")).body, before);
}

TEST_F(ServeTest, PreviewShowsTheChangeWithoutSaving) {
  const std::string before = Slurp(evidence_);
  serve::Response r =
      app_->Handle(Post("/api/preview", EditedEvidence("TTHC-2026-T11", "online", 1000)));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  const auto& sc = j["whatif"]["scenarios"][0];
  EXPECT_GT(sc["percent"].get<double>(), j["whatif"]["base"]["percent"].get<double>());
  ASSERT_FALSE(sc["items"].empty());
  EXPECT_EQ(Slurp(evidence_), before);
}

TEST_F(ServeTest, SaveIsVersionedKeepsTheOldFileAndRefusesStaleVersions) {
  const std::string original = Slurp(evidence_);
  const std::string edited = EditedEvidence("TTHC-2026-T11", "online", 1000);
  serve::Response r = app_->Handle(Post("/api/evidence?version=1", edited));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["version"], 2);
  // The file on disk is the new evidence and loads cleanly.
  EvidenceLoad load = LoadEvidenceJson(Slurp(evidence_), "saved", nullptr);
  ASSERT_TRUE(load.ok());
  bool found = false;
  for (const Record& rec : load.evidence.records) {
    if (rec.id == "TTHC-2026-T11") found = rec.Find("online")->number == 1000;
  }
  EXPECT_TRUE(found);
  // The previous file is kept, byte for byte, as version 1.
  serve::Response h = app_->Handle(Get("/api/history"));
  auto hist = nlohmann::json::parse(h.body);
  ASSERT_EQ(hist["entries"].size(), 1u);
  EXPECT_EQ(hist["entries"][0]["version"], 1);
  EXPECT_EQ(Slurp(evidence_ + ".history/" + hist["entries"][0]["file"].get<std::string>()),
            original);
  serve::Response old = app_->Handle(Get("/api/history?version=1"));
  EXPECT_EQ(old.body, original);
  // A second tab still on version 1 is refused; nothing changes.
  const std::string now = Slurp(evidence_);
  serve::Response stale = app_->Handle(Post("/api/evidence?version=1", original));
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(IsJsonError(stale));
  EXPECT_NE(stale.body.find("stale"), std::string::npos);
  EXPECT_EQ(Slurp(evidence_), now);
  // A new server over the saved file starts after the kept versions.
  auto again = MakeApp(evidence_, "", "");
  auto info = nlohmann::json::parse(again->Handle(Get("/api/info")).body);
  EXPECT_EQ(info["version"], 2);
}

TEST_F(ServeTest, AnInvalidValueIsRefusedBesideItsRecordAndField) {
  const std::string before = Slurp(evidence_);
  for (const std::string path : {"/api/preview", "/api/evidence?version=1"}) {
    serve::Response r =
        app_->Handle(Post(path, EditedEvidence("TTHC-2026-T11", "online", "nhiều")));
    EXPECT_EQ(r.status, 422) << path;
    EXPECT_TRUE(IsJsonError(r));
    auto j = nlohmann::json::parse(r.body);
    ASSERT_FALSE(j["issues"].empty());
    EXPECT_EQ(j["issues"][0]["record"], "TTHC-2026-T11");
    EXPECT_EQ(j["issues"][0]["field"], "online");
  }
  EXPECT_EQ(Slurp(evidence_), before);
  struct stat st;
  EXPECT_NE(::stat((evidence_ + ".history").c_str(), &st), 0);
}

TEST_F(ServeTest, HostAndOriginAreChecked) {
  serve::Request r = Get("/api/score");
  r.headers["host"] = "evil.example:8080";
  EXPECT_EQ(app_->Handle(r).status, 403);
  r.headers["host"] = "localhost:8080";
  EXPECT_EQ(app_->Handle(r).status, 200);
  r.headers.erase("host");
  EXPECT_EQ(app_->Handle(r).status, 400);
  serve::Request p = Post("/api/preview", Slurp(kEvidence));
  p.headers["origin"] = "http://evil.example";
  serve::Response refused = app_->Handle(p);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(IsJsonError(refused));
  p.headers["origin"] = "http://127.0.0.1:8080";
  EXPECT_EQ(app_->Handle(p).status, 200);
  p.headers.erase("origin");
  p.headers["sec-fetch-site"] = "cross-site";
  EXPECT_EQ(app_->Handle(p).status, 403);
}

TEST_F(ServeTest, ATokenIsNeededOnEveryRequestWhenSet) {
  auto app = MakeApp(evidence_, "", "s3cret-token");
  EXPECT_EQ(app->Handle(Get("/api/score")).status, 401);
  EXPECT_EQ(app->Handle(Get("/")).status, 401);
  serve::Response refused = app->Handle(Get("/api/score?token=wrong-token"));
  EXPECT_EQ(refused.status, 401);
  // The server's language (Vietnamese here): what to open, and how to keep one address.
  EXPECT_NE(refused.body.find("mã truy cập"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("--token"), std::string::npos) << refused.body;
  EXPECT_EQ(app->Handle(Get("/api/score?token=s3cret-token")).status, 200);
  serve::Response page = app->Handle(Get("/?token=s3cret-token"));
  EXPECT_EQ(page.status, 200);
  bool cookie = false;
  for (const auto& [k, v] : page.headers) {
    if (k == "Set-Cookie") cookie = v.find("cchc_token=s3cret-token") != std::string::npos;
  }
  EXPECT_TRUE(cookie);
  serve::Request r = Get("/api/score");
  r.headers["cookie"] = "a=b; cchc_token=s3cret-token";
  EXPECT_EQ(app->Handle(r).status, 200);
  r.headers.erase("cookie");
  r.headers["x-cchc-token"] = "s3cret-token";
  EXPECT_EQ(app->Handle(r).status, 200);
}

TEST_F(ServeTest, MalformedRequestsGetA4xxJsonError) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  struct Case {
    std::string method, path, body;
    int status;
  } cases[] = {
      {"POST", "/api/preview", "", 422},
      {"POST", "/api/preview", "{", 422},
      {"POST", "/api/preview", "[1,2]", 422},
      {"POST", "/api/preview", deep, 400},
      {"POST", "/api/preview", "{\"records\": [{\"id\": 1}]}", 422},
      {"POST", "/api/whatif", "nonsense", 422},
      {"POST", "/api/whatif", "{\"effects\": [{\"op\": \"remove\", \"id\": \"NO-SUCH\"}]}", 422},
      {"POST", "/api/whatif", deep, 400},
      {"POST", "/api/evidence", "{}", 400},
      {"POST", "/api/evidence?version=x", "{}", 400},
      {"POST", "/api/evidence?version=1", "\xff\xfe", 422},
      {"POST", "/api/tasks/apply", "{\"tasks\": [1]}", 400},
      {"POST", "/api/tasks/apply", "{\"tasks\": [\"NO-SUCH\"]}", 404},
      {"POST", "/api/tasks/apply", "[", 400},
      {"GET", "/api/tasks?budget=-1", "", 400},
      {"GET", "/api/tasks?budget=abc", "", 400},
      {"GET", "/api/tasks?target=Nope", "", 400},
      {"POST", "/api/upload?name=a.exe", "x", 415},
      {"POST", "/api/upload?name=a.xlsx", "PK", 422},
      {"POST", "/api/upload?name=a.json&mode=eat", "{}", 400},
      {"POST", "/api/upload?name=a.json", "{\"records\": 5}", 422},
      {"GET", "/api/item?code=9.9.9", "", 404},
      {"GET", "/api/history?version=77", "", 404},
      {"GET", "/api/nothing", "", 404},
      {"DELETE", "/api/score", "", 405},
      {"GET", "/api/preview", "", 405},
      {"PUT", "/", "", 405},
      {"GET", "/api/batch", "", 404},
      {"GET", "/api/ranking", "", 404},
      {"GET", "/api/score?unit=X", "", 200},
  };
  for (const Case& c : cases) {
    serve::Request r = Post(c.path, c.body);
    r.method = c.method;
    serve::Response out = app_->Handle(r);
    EXPECT_EQ(out.status, c.status) << c.method << " " << c.path << " " << c.body.substr(0, 40);
    if (c.status >= 400) {
      EXPECT_TRUE(IsJsonError(out)) << c.path << ": " << out.body;
    }
  }
}

TEST_F(ServeTest, PagesComeFromTheEmbeddedTableOnly) {
  serve::Response index = app_->Handle(Get("/"));
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<!doctype html>"), std::string::npos);
  EXPECT_NE(index.content_type.find("text/html"), std::string::npos);
  EXPECT_EQ(app_->Handle(Get("/app.js")).status, 200);
  EXPECT_EQ(app_->Handle(Get("/style.css")).status, 200);
  for (const char* p : {"/../../etc/passwd", "/etc/passwd", "/%2e%2e/etc/passwd", "//app.js",
                        "/web/app.js", "/app.js/", "/CMakeLists.txt"}) {
    EXPECT_EQ(app_->Handle(Get(p)).status, 404) << p;
  }
}

TEST_F(ServeTest, UploadMergesOrReplacesIntoTheDraftWithoutSaving) {
  const std::string before = Slurp(evidence_);
  const std::string csv =
      "id,kind,issued,chaired_by,participants\n"
      "DOITHOAI-09,dialogue,2026-12-01,Chủ tịch UBND xã,80\n";
  serve::Response r = app_->Handle(Post("/api/upload?name=more.csv&mode=merge", csv));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["added"], 1);
  const size_t base = nlohmann::json::parse(before)["records"].size();
  EXPECT_EQ(j["evidence"]["records"].size(), base + 1);
  serve::Response replace = app_->Handle(Post("/api/upload?name=only.csv&mode=replace", csv));
  ASSERT_EQ(replace.status, 200);
  EXPECT_EQ(nlohmann::json::parse(replace.body)["evidence"]["records"].size(), 1u);
  EXPECT_EQ(Slurp(evidence_), before);
}

TEST_F(ServeTest, ItemDetailQuotesTheRuleAsWritten) {
  serve::Response r = app_->Handle(Get("/api/item?code=1.1.1"));
  ASSERT_EQ(r.status, 200);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["code"], "1.1.1");
  EXPECT_EQ(j["source"].get<std::string>().rfind("item 1.1.1", 0), 0u);
  EXPECT_FALSE(j["expects"].empty());
  serve::Response s = app_->Handle(Get("/api/sensitivity"));
  EXPECT_EQ(s.status, 200);
  EXPECT_TRUE(nlohmann::json::parse(s.body).contains("inputs"));
}

TEST_F(ServeTest, ReportsDownloadAsHtmlAndXlsx) {
  serve::Response html = app_->Handle(Get("/api/report.html"));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<svg"), std::string::npos);
  serve::Response xlsx = app_->Handle(Get("/api/report.xlsx"));
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  bool attachment = false;
  for (const auto& [k, v] : xlsx.headers) {
    if (k == "Content-Disposition") attachment = v.find("cchc-form-AK.xlsx") != std::string::npos;
  }
  EXPECT_TRUE(attachment);
  // The evidence as a workbook (cchc template --from), uploaded back unchanged.
  serve::Response book = app_->Handle(Get("/api/evidence.xlsx"));
  ASSERT_EQ(book.status, 200) << book.body;
  EXPECT_EQ(book.body.substr(0, 2), "PK");
  serve::Response back = app_->Handle(Post("/api/upload?name=book.xlsx&mode=replace", book.body));
  ASSERT_EQ(back.status, 200) << back.body;
  const size_t records = nlohmann::json::parse(Slurp(evidence_))["records"].size();
  EXPECT_EQ(nlohmann::json::parse(back.body)["evidence"]["records"].size(), records);
  serve::Response ev = app_->Handle(Get("/api/evidence.json"));
  EXPECT_TRUE(LoadEvidenceJson(ev.body, "download", nullptr).ok());
}

TEST_F(ServeTest, EnglishWhenAsked) {
  auto app = MakeApp(evidence_, "", "", Lang::kEn);
  auto info = nlohmann::json::parse(app->Handle(Get("/api/info")).body);
  EXPECT_EQ(info["lang"], "en");
  ScoreOptions o{kCriteria, evidence_, {"json", "", "en"}};
  EXPECT_EQ(app->Handle(Get("/api/score")).body, RunCommand(&RunScore, o));
}

TEST(ServeProvince, RanksAndOpensAnyCommuneReadOnly) {
  const std::string dir = MakeTempDir("province");
  SynthOptions synth;
  synth.criteria = kCriteria;
  synth.units = 5;
  synth.seed = 7;
  synth.template_path = kEvidence;
  synth.output = dir + "/communes.ndjson";
  std::ostringstream out, err;
  ASSERT_EQ(RunSynth(synth, out, err), 0) << err.str();
  BatchOptions batch;
  batch.criteria = kCriteria;
  batch.input = synth.output;
  batch.progress = false;
  batch.output.format = "json";
  std::ostringstream bout, berr;
  ASSERT_EQ(RunBatch(batch, bout, berr), 0) << berr.str();

  std::shared_ptr<const CompiledCriteria> criteria = LoadCriteria(kCriteria, err);
  ASSERT_TRUE(criteria);
  RenderOptions report;
  auto province = serve::ProvinceSession::Open(criteria, synth.output, report, err);
  ASSERT_NE(province, nullptr) << err.str();
  serve::AppConfig config;
  config.port = 8080;
  serve::App app(config, criteria, nullptr, std::move(province));
  serve::Response b = app.Handle(Get("/api/batch"));
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(b.body, bout.str());
  auto j = nlohmann::json::parse(b.body);
  ASSERT_EQ(j["units"].size(), 5u);
  auto ranking = nlohmann::json::parse(app.Handle(Get("/api/ranking")).body);
  ASSERT_EQ(ranking["units"].size(), 5u);
  EXPECT_EQ(ranking["units"][0]["rank"], 1);
  EXPECT_EQ(ranking["statistics"], j["statistics"]);
  EXPECT_EQ(ranking["bands"], j["bands"]);
  const std::string code = j["units"][2]["code"];
  serve::Response s = app.Handle(Get("/api/score?unit=" + code));
  ASSERT_EQ(s.status, 200) << s.body;
  auto score = nlohmann::json::parse(s.body);
  EXPECT_NEAR(score["percent"].get<double>(), j["units"][2]["percent"].get<double>(), 1e-9);
  EXPECT_EQ(app.Handle(Get("/api/score")).status, 400);
  EXPECT_EQ(app.Handle(Get("/api/score?unit=NOPE")).status, 404);
  EXPECT_EQ(app.Handle(Post("/api/evidence?version=0", "{}")).status, 409);
  EXPECT_EQ(app.Handle(Get("/api/report.xlsx?unit=" + code)).status, 200);
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace cchc::servetest::handlers_test
