// A server started from a CSV evidence file saves CSV: in the file's own
// conventions (an Excel export: BOM, CRLF, ';', decimal comma), atomically,
// with the previous file kept in the history, and a new server reads the edit
// back. What CSV cannot hold is refused, and a workbook is not rewritten.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "evidence/csv_writer.h"
#include "evidence/loader.h"
#include "serve_fixture.h"

namespace cchc::servetest::csv_save_test {
namespace {

using nlohmann::ordered_json;

std::string ScoreCommand(const std::string& evidence) {
  ScoreOptions o{kCriteria, evidence, {"json", "", "vi"}};
  std::ostringstream out, err;
  EXPECT_EQ(RunScore(o, out, err), 0) << err.str();
  return out.str();
}

class ServeCsvTest : public ServeTest {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("serve-csv");
    ASSERT_FALSE(dir_.empty());
    std::ostringstream err;
    std::shared_ptr<const CompiledCriteria> criteria = LoadCriteria(kCriteria, err);
    ASSERT_TRUE(criteria) << err.str();
    EvidenceLoad json = LoadEvidenceJson(Slurp(kEvidence), "evidence.json", &criteria->criteria());
    ASSERT_TRUE(json.ok());
    json.evidence.appraisals.clear();  // CSV carries no appraisal
    CsvStyle excel;
    excel.bom = true;
    excel.crlf = true;
    excel.separator = ';';
    excel.decimal_comma = true;
    excel.comments = {"# Xuất từ phần mềm một cửa"};
    CsvOutput csv = WriteEvidenceCsv(json.evidence, &criteria->criteria(), excel);
    ASSERT_TRUE(csv.losses.empty()) << csv.losses[0];
    evidence_ = dir_ + "/an-khanh.csv";
    WriteFile(evidence_, csv.text);
    app_ = MakeApp(evidence_, "", "");
    ASSERT_NE(app_, nullptr);
  }

  // The page's evidence document with `edit` applied to one record.
  ordered_json Draft(const std::string& id, const std::string& field, const ordered_json& value) {
    serve::Response r = app_->Handle(Get("/api/evidence"));
    EXPECT_EQ(r.status, 200);
    ordered_json doc = ordered_json::parse(r.body)["evidence"];
    for (auto& rec : doc["records"]) {
      if (rec["id"] == id) rec[field] = value;
    }
    return doc;
  }
};

TEST_F(ServeCsvTest, AnEditIsSavedAsCsvInTheFilesConventionsAndKept) {
  auto info = nlohmann::json::parse(app_->Handle(Get("/api/info")).body);
  EXPECT_EQ(info["can_save"], true);
  EXPECT_EQ(app_->Handle(Get("/api/score")).body, ScoreCommand(evidence_));
  const std::string original = Slurp(evidence_);
  const std::string note = "Ghi chú; \"trích dẫn\", dòng 1\ndòng 2";
  ordered_json doc = Draft("TTHC-2026-T11", "online", 1000);
  for (auto& rec : doc["records"]) {
    if (rec["id"] == "TTHC-2026-T11") rec["note"] = note;
  }
  serve::Response saved = app_->Handle(Post("/api/evidence?version=1", doc.dump()));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(nlohmann::json::parse(saved.body)["version"], 2);

  // Still the same kind of file: BOM, comment, ';' and decimal comma, CRLF.
  const std::string text = Slurp(evidence_);
  EXPECT_EQ(text.rfind("\xEF\xBB\xBF# Xuất từ phần mềm một cửa\r\n# unit.code: AK\r\n", 0), 0u);
  EXPECT_NE(text.find("# decimal: ,\r\nid;kind;"), std::string::npos);
  EvidenceLoad load = LoadEvidenceCsv(text, evidence_, nullptr);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  bool found = false;
  for (const Record& rec : load.evidence.records) {
    if (rec.id != "TTHC-2026-T11") continue;
    found = true;
    EXPECT_EQ(rec.Find("online")->number, 1000);
    EXPECT_EQ(rec.Find("note")->text, note);
  }
  EXPECT_TRUE(found);

  // The file replaced is kept, byte for byte, as version 1 (a .csv).
  auto hist = nlohmann::json::parse(app_->Handle(Get("/api/history")).body);
  ASSERT_EQ(hist["entries"].size(), 1u);
  const std::string kept = hist["entries"][0]["file"];
  EXPECT_TRUE(kept.ends_with(".csv")) << kept;
  EXPECT_EQ(Slurp(evidence_ + ".history/" + kept), original);
  serve::Response old = app_->Handle(Get("/api/history?version=1"));
  EXPECT_EQ(old.body, original);
  EXPECT_NE(old.content_type.find("text/csv"), std::string::npos);

  // The score served is the score of the file, and a new server reads the edit.
  const std::string score = app_->Handle(Get("/api/score")).body;
  EXPECT_EQ(score, ScoreCommand(evidence_));
  auto again = MakeApp(evidence_, "", "");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(nlohmann::json::parse(again->Handle(Get("/api/info")).body)["version"], 2);
  EXPECT_EQ(again->Handle(Get("/api/score")).body, score);
  auto ev = ordered_json::parse(again->Handle(Get("/api/evidence")).body)["evidence"];
  for (const auto& rec : ev["records"]) {
    if (rec["id"] != "TTHC-2026-T11") continue;
    EXPECT_EQ(rec["online"], 1000);
    EXPECT_EQ(rec["note"], note);
  }
  // Saving the same evidence again rewrites the same bytes.
  serve::Response same = app_->Handle(Post("/api/evidence?version=2", ev.dump()));
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Slurp(evidence_), text);
}

TEST_F(ServeCsvTest, WhatCsvCannotHoldIsRefusedAndNothingIsWritten) {
  const std::string before = Slurp(evidence_);
  ordered_json doc = Draft("TTHC-2026-T11", "online", 1000);
  doc["appraisal"] = ordered_json::array({{{"item", "1.1.1"}, {"points", 0.5}}});
  serve::Response r = app_->Handle(Post("/api/evidence?version=1", doc.dump()));
  EXPECT_EQ(r.status, 422);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "csv_cannot_hold");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("appraisal"), std::string::npos);
  EXPECT_EQ(Slurp(evidence_), before);
  EXPECT_EQ(nlohmann::json::parse(app_->Handle(Get("/api/info")).body)["version"], 1);
}

TEST_F(ServeTest, AWorkbookIsShownButNotRewritten) {
  serve::Response book = app_->Handle(Get("/api/evidence.xlsx"));
  ASSERT_EQ(book.status, 200) << book.body;
  const std::string path = dir_ + "/an-khanh.xlsx";
  WriteFile(path, book.body);
  auto app = MakeApp(path, "", "");
  ASSERT_NE(app, nullptr);
  auto info = nlohmann::json::parse(app->Handle(Get("/api/info")).body);
  EXPECT_EQ(info["can_save"], false);
  EXPECT_NE(info["save_blocker"].get<std::string>().find("Excel"), std::string::npos);
  auto doc = ordered_json::parse(app->Handle(Get("/api/evidence")).body)["evidence"];
  serve::Response r = app->Handle(Post("/api/evidence?version=1", doc.dump()));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Slurp(path), book.body);
}

}  // namespace
}  // namespace cchc::servetest::csv_save_test
