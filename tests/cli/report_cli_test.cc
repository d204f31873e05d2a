// `cchc report` through RunReport and the binary: the HTML report of the
// shipped example (index, band, charts, every item code, area names, escaping,
// no external resources), the XLSX form read back with unzip, and exit codes.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "engine/render/html/svg_chart.h"
#include "tests/cli/cli_run.h"

namespace cchc::report_cli_test {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = kSrc + "/examples/an-khanh-2026/evidence.json";
const std::string kTasks = kSrc + "/examples/an-khanh-2026/tasks.json";

struct CmdRun {
  int code = -1;
  std::string err;
};

fs::path Fresh(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / "cchc_report_cli";
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove_all(p);
  return p;
}

CmdRun Report(ReportCommandOptions o) {
  if (o.criteria.empty()) o.criteria = kCriteria;
  if (o.evidence.empty()) o.evidence = kEvidence;
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunReport(o, out, err);
  r.err = err.str();
  return r;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// Codes and names of `KEYWORD CODE "NAME"` lines in the criteria file.
std::vector<std::pair<std::string, std::string>> Declared(const std::string& keyword) {
  const std::string text = clitest::Slurp(kCriteria);
  const std::regex re("(?:^|\\n)\\s*" + keyword + " (\\S+) \"([^\"]*)\"");
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.emplace_back((*it)[1], (*it)[2]);
  }
  return out;
}

std::string Unzip(const fs::path& zip, const std::string& member) {
  const std::string cmd = "unzip -p '" + zip.string() + "' '" + member + "' 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(ReportCommand, HtmlOfTheShippedExample) {
  const fs::path file = Fresh("example.html");
  ReportCommandOptions o;
  o.tasks = kTasks;
  o.budget = 20;
  o.output = file.string();
  const CmdRun r = Report(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string html = clitest::Slurp(file.string());
  EXPECT_NE(html.find("78,00 %"), std::string::npos);  // Vietnamese separators
  EXPECT_NE(html.find("Khá"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_EQ(Count(html, "<svg"), 3u);  // areas, points lost, task gains
  EXPECT_NE(html.find("Tập nhiệm vụ tốt nhất trong 20"), std::string::npos);
  EXPECT_NE(html.find("Tập nhiệm vụ ít công nhất để đạt xếp loại"), std::string::npos);
  // Print-ready: A4 pages, rows and charts never split, the table's header
  // repeated, evidence ids never broken inside.
  EXPECT_NE(html.find("@page{size:A4"), std::string::npos);
  EXPECT_NE(html.find("tr,svg,li,.kpi{break-inside:avoid"), std::string::npos);
  EXPECT_NE(html.find("thead{display:table-header-group}"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"id\">TTHC-2026-T11</span>"), std::string::npos);
  EXPECT_EQ(html.find("word-break:break-word"), std::string::npos);
  EXPECT_NE(html.find("@media (max-width:640px)"), std::string::npos);
  // The area chart compares areas in percent of each area's max.
  EXPECT_NE(html.find(">67,5 % (6,75 / 10)</text>"), std::string::npos);
  const auto items = Declared("item");
  ASSERT_GT(items.size(), 20u);
  for (const auto& [code, name] : items) {
    EXPECT_NE(html.find("<td>" + code + "</td>"), std::string::npos) << code;
  }
  const auto areas = Declared("area");
  ASSERT_GE(areas.size(), 5u);
  for (const auto& [code, name] : areas) {
    EXPECT_NE(html.find(HtmlEscape(name)), std::string::npos) << name;
  }
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Written atomically: nothing else left beside it.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(file.parent_path())) {
    files += e.path().filename().string().rfind("example.html", 0) == 0;
  }
  EXPECT_EQ(files, 1u);
}

TEST(ReportCommand, TextFromTheEvidenceIsEscaped) {
  std::string text = clitest::Slurp(kEvidence);
  const std::string name = "\"name\": \"Xã An Khánh\"";
  ASSERT_NE(text.find(name), std::string::npos);
  text.replace(text.find(name), name.size(),
               "\"name\": \"Xã <script>alert(\\\"x\\\")</script> & 'An Khánh'\"");
  const fs::path evidence = Fresh("script.json"), file = Fresh("script.html");
  std::ofstream(evidence) << text;
  ReportCommandOptions o;
  o.evidence = evidence.string();
  o.output = file.string();
  ASSERT_EQ(Report(o).code, kExitOk);
  const std::string html = clitest::Slurp(file.string());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(
      html.find("Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;An Khánh&#39;"),
      std::string::npos);
  EXPECT_EQ(Count(html, "<svg"), 2u);  // no tasks: no task chart
}

TEST(ReportCommand, XlsxFormReadBack) {
  const fs::path file = Fresh("form.xlsx");
  ReportCommandOptions o;
  o.format = "xlsx";
  o.output = file.string();
  const CmdRun r = Report(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string workbook = Unzip(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Biểu tự đánh giá\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"Điểm bị mất\""), std::string::npos);
  const std::string strings = Unzip(file, "xl/sharedStrings.xml");
  for (const auto& [code, name] : Declared("item")) {
    EXPECT_NE(strings.find("<t>" + code + "</t>"), std::string::npos) << code;
  }
  for (const char* label : {"STT/Mã", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng",
                            "Giải trình", "Tổng điểm", "Chỉ số CCHC (%)", "Xếp loại", "Khá"}) {
    EXPECT_NE(strings.find(label), std::string::npos) << label;
  }
  const std::string sheet = Unzip(file, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane"), std::string::npos);       // frozen header
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);      // widths set
  EXPECT_NE(sheet.find("<v>78</v>"), std::string::npos);   // the index cell
  EXPECT_NE(sheet.find("<v>100</v>"), std::string::npos);  // the total's max
  EXPECT_FALSE(Unzip(file, "xl/worksheets/sheet2.xml").empty());
}

// The form is ready to sign and print: national heading, signature block,
// sums as formulas (an edited self-score recomputes), values at the declared
// precision, A4 landscape one page wide with the header row repeated.
TEST(ReportCommand, XlsxFormIsReadyToSignAndPrint) {
  const fs::path file = Fresh("form-print.xlsx");
  ReportCommandOptions o;
  o.format = "xlsx";
  o.output = file.string();
  ASSERT_EQ(Report(o).code, kExitOk);
  const std::string strings = Unzip(file, "xl/sharedStrings.xml");
  for (const char* label : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                            "UBND XÃ AN KHÁNH", "An Khánh, ngày … tháng … năm 2026",
                            "NGƯỜI LẬP BIỂU", "CHỦ TỊCH UBND XÃ", "Điểm thẩm định", "Giải trình"}) {
    EXPECT_NE(strings.find(label), std::string::npos) << label;
  }
  // Vietnamese explanations, not the engine's English.
  EXPECT_NE(strings.find("đạt mức ≥ 95 %: 3/4 điểm"), std::string::npos);
  EXPECT_EQ(strings.find(" of 4 points"), std::string::npos);
  const std::string sheet = Unzip(file, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<f>SUM(D"), std::string::npos);                  // criterion sums
  EXPECT_NE(sheet.find("<f>SUMPRODUCT(ISNUMBER(D"), std::string::npos);  // applicable max
  EXPECT_NE(sheet.find("<f>IF("), std::string::npos);                    // the index and the band
  EXPECT_NE(sheet.find("<v>76.33</v>"), std::string::npos);              // the total, 2 decimals
  EXPECT_EQ(sheet.find("76.329"), std::string::npos);
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos) << sheet.substr(sheet.size() - 600);
  EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(sheet.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);
  const std::string workbook = Unzip(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("_xlnm.Print_Area"), std::string::npos);
}

TEST(ReportCommand, InvalidFlagsExitTwo) {
  ReportCommandOptions missing_output;
  EXPECT_EQ(Report(missing_output).code, kExitInvalidInput);
  ReportCommandOptions bad_format;
  bad_format.format = "pdf";
  bad_format.output = Fresh("bad.pdf").string();
  const CmdRun r = Report(bad_format);
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("--format"), std::string::npos);
  EXPECT_FALSE(fs::exists(bad_format.output));
  ReportCommandOptions bad_lang;
  bad_lang.lang = "fr";
  bad_lang.output = Fresh("bad_lang.html").string();
  EXPECT_EQ(Report(bad_lang).code, kExitInvalidInput);
  ReportCommandOptions bad_budget;
  bad_budget.tasks = kTasks;
  bad_budget.budget = -1;
  bad_budget.output = Fresh("bad_budget.html").string();
  EXPECT_EQ(Report(bad_budget).code, kExitInvalidInput);
  ReportCommandOptions bad_evidence;
  bad_evidence.evidence = kSrc + "/no/such/evidence.json";
  bad_evidence.output = Fresh("none.html").string();
  EXPECT_EQ(Report(bad_evidence).code, kExitInvalidInput);
  EXPECT_FALSE(fs::exists(bad_evidence.output));
}

TEST(ReportCommand, TheBinaryRegistersTheCommand) {
  const auto missing = clitest::RunCchc({"report", kCriteria, kEvidence});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  const fs::path file = Fresh("binary.html");
  const auto ok =
      clitest::RunCchc({"report", kCriteria, kEvidence, "--tasks", kTasks, "-o", file.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(clitest::Slurp(file.string()).find("Chỉ số CCHC"), std::string::npos);
  const auto format =
      clitest::RunCchc({"report", kCriteria, kEvidence, "--format", "pdf", "-o", file.string()});
  EXPECT_EQ(format.exit_code, 2);
}

}  // namespace
}  // namespace cchc::report_cli_test
