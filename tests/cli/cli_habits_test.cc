// The command line's habits, run through the real binary: "did you mean" for
// commands, options and band names; the format taken from the -o extension
// and a contradicting --format refused; band names matched whatever the case
// and Unicode form; the success line on stderr; --bom; an example per --help.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "cli/commands/output.h"
#include "cli/commands/suggest.h"
#include "tests/cli/cli_run.h"

namespace cchc::cli_habits_test {
namespace {

namespace fs = std::filesystem;
using clitest::RunCchc;
using clitest::RunResult;
using clitest::Slurp;

const std::string kCriteria = "examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = "examples/an-khanh-2026/evidence.json";
const std::string kTasks = "examples/an-khanh-2026/tasks.json";
const std::string kBom = "\xEF\xBB\xBF";

class CliHabits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cchc-habits-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// The success line as the commands print it, from the file's size on disk.
std::string Written(const std::string& path, const std::string& label, bool vi = true) {
  const auto size = fs::file_size(path);
  std::string human;
  if (size < 1024) {
    human = std::to_string(size) + " B";
  } else if (size < 1024 * 1024) {
    human = std::to_string((size + 1023) / 1024) + " KB";
  } else {
    const auto tenths = (size * 10 + 1024 * 1024 - 1) / (1024 * 1024);
    human = std::to_string(tenths / 10) + (vi ? "," : ".") + std::to_string(tenths % 10) + " MB";
  }
  return (vi ? "Đã ghi " : "Wrote ") + path + " (" + label + ", " + human + ").\n";
}

TEST(Suggest, EditDistanceAndClosestName) {
  EXPECT_EQ(EditDistance("scroe", "score"), 1u);  // a swap is one edit
  EXPECT_EQ(EditDistance("fromat", "format"), 1u);
  EXPECT_EQ(EditDistance("tot", "tốt"), 1u);  // code points, not bytes
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  const std::vector<std::string> commands = {"check",       "fmt",    "score", "synth",
                                             "batch",       "whatif", "tasks", "sensitivity",
                                             "uncertainty", "report", "serve", "template"};
  EXPECT_EQ(ClosestName("scroe", commands), "score");
  EXPECT_EQ(ClosestName("reprot", commands), "report");
  EXPECT_EQ(ClosestName("sensitivty", commands), "sensitivity");
  EXPECT_EQ(ClosestName("templ", commands), "template");  // the only one it starts
  EXPECT_EQ(ClosestName("xyzzy", commands), "");
  EXPECT_EQ(ClosestName("s", commands), "");  // starts several: no guess
}

TEST(OutputFormat, ExtensionsAndSizes) {
  EXPECT_EQ(FormatOfExtension("a/report.xlsx"), "xlsx");
  EXPECT_EQ(FormatOfExtension("REPORT.HTML"), "html");
  EXPECT_EQ(FormatOfExtension("r.htm"), "html");
  EXPECT_EQ(FormatOfExtension("x.json"), "json");
  EXPECT_EQ(FormatOfExtension("x.Csv"), "csv");
  EXPECT_EQ(FormatOfExtension("x.md"), "md");
  EXPECT_EQ(FormatOfExtension("x.txt"), "");
  EXPECT_EQ(FormatOfExtension("dir.json/out"), "");
  EXPECT_EQ(FormatOfExtension("out"), "");
  EXPECT_EQ(HumanSize(0, Lang::kVi), "0 B");
  EXPECT_EQ(HumanSize(1023, Lang::kVi), "1023 B");
  EXPECT_EQ(HumanSize(1024, Lang::kVi), "1 KB");
  EXPECT_EQ(HumanSize(1025, Lang::kVi), "2 KB");
  EXPECT_EQ(HumanSize(3 * 1024 * 1024 / 2, Lang::kVi), "1,5 MB");
  EXPECT_EQ(HumanSize(3 * 1024 * 1024 / 2, Lang::kEn), "1.5 MB");
}

TEST(CliHabitsArgs, UnknownCommandSaysWhatItMeant) {
  RunResult r = RunCchc({"scroe", kCriteria, kEvidence});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: unknown command 'scroe'; did you mean 'score'? (cchc --help lists the "
            "commands)\n");
  EXPECT_EQ(r.out, "");
  r = RunCchc({"reprot"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'report'?"), std::string::npos) << r.err;
  r = RunCchc({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: no command given"), std::string::npos) << r.err;
  r = RunCchc({"xyzzy"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown command 'xyzzy' (cchc --help lists the commands)\n");
}

TEST(CliHabitsArgs, MisspelledOptionSaysWhatItMeant) {
  RunResult r = RunCchc({"score", kCriteria, kEvidence, "--fromat", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: unknown option '--fromat' for 'cchc score'; did you mean '--format'? (cchc "
            "score --help lists the options)\n");
  r = RunCchc({"score", kCriteria, kEvidence, "--lnag=en"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown option '--lnag' for 'cchc score'; did you mean '--lang'?"),
            std::string::npos)
      << r.err;
  r = RunCchc({"tasks", kCriteria, kEvidence, kTasks, "--target-bnad", "Tốt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean '--target-band'?"), std::string::npos) << r.err;
  // A value that looks like an option is not taken for one.
  r = RunCchc({"whatif", kCriteria, kEvidence, "--set", "--oops"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("unknown option"), std::string::npos) << r.err;
  // Format names: any case; a near miss is named.
  r = RunCchc({"score", kCriteria, kEvidence, "--format", "JSON"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, RunCchc({"score", kCriteria, kEvidence, "--format", "json"}).out);
  r = RunCchc({"score", kCriteria, kEvidence, "--format", "jsno"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown --format 'jsno' (table, json, csv, md); did you mean 'json'?\n");
  r = RunCchc({"score", kCriteria, kEvidence, "--zzzzzz"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: unknown option '--zzzzzz' for 'cchc score' (cchc score --help lists the "
            "options)\n");
}

TEST_F(CliHabits, TheExtensionChoosesTheFormat) {
  for (const char* format : {"json", "csv", "md"}) {
    SCOPED_TRACE(format);
    const RunResult stdout_run = RunCchc({"score", kCriteria, kEvidence, "--format", format});
    ASSERT_EQ(stdout_run.exit_code, 0) << stdout_run.err;
    const std::string file = Path(std::string("an-khanh.") + format);
    const RunResult r = RunCchc({"score", kCriteria, kEvidence, "-o", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Slurp(file), stdout_run.out);
    EXPECT_EQ(r.out, "");
  }
  // Any case; an extension that names no format keeps the table.
  const RunResult json = RunCchc({"score", kCriteria, kEvidence, "--format", "json"});
  ASSERT_EQ(RunCchc({"score", kCriteria, kEvidence, "-o", Path("A.JSON")}).exit_code, 0);
  EXPECT_EQ(Slurp(Path("A.JSON")), json.out);
  const RunResult table = RunCchc({"score", kCriteria, kEvidence});
  const RunResult txt = RunCchc({"score", kCriteria, kEvidence, "-o", Path("an-khanh.txt")});
  ASSERT_EQ(txt.exit_code, 0) << txt.err;
  EXPECT_EQ(Slurp(Path("an-khanh.txt")), table.out);
  EXPECT_EQ(txt.err, Written(Path("an-khanh.txt"), "bảng"));

  // report: .xlsx is the form (a zip), .html the page.
  RunResult r = RunCchc({"report", kCriteria, kEvidence, "-o", Path("report.xlsx")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("report.xlsx")).substr(0, 2), "PK");
  r = RunCchc({"report", kCriteria, kEvidence, "-o", Path("report.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("report.html")).substr(0, 15), "<!DOCTYPE html>");
  // batch: .xlsx is the province workbook.
  const std::string communes = Path("communes");
  fs::create_directories(communes);
  fs::copy_file(kEvidence, communes + "/AK.json");
  r = RunCchc({"batch", kCriteria, communes, "-o", Path("batch.xlsx")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("batch.xlsx")).substr(0, 2), "PK");
  r = RunCchc({"batch", kCriteria, communes, "-o", Path("batch.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(Path("batch.csv")),
            RunCchc({"batch", kCriteria, communes, "--format", "csv"}).out);
}

TEST_F(CliHabits, AContradictingFormatIsRefused) {
  const std::string file = Path("an-khanh.csv");
  RunResult r = RunCchc({"score", kCriteria, kEvidence, "--format", "json", "-o", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --format json contradicts -o " + file +
                " (its extension means CSV); drop --format to write CSV, or give a file name "
                "that matches --format json\n");
  EXPECT_FALSE(fs::exists(file));
  r = RunCchc({"report", kCriteria, kEvidence, "--format", "html", "-o", Path("r.xlsx")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format html contradicts -o " + Path("r.xlsx")), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(Path("r.xlsx")));
  // Agreeing is fine.
  r = RunCchc({"report", kCriteria, kEvidence, "--format", "xlsx", "-o", Path("r.xlsx")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // A format the command does not write.
  r = RunCchc({"score", kCriteria, kEvidence, "-o", Path("an-khanh.html")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cchc score does not write HTML (it writes table, json, csv, md)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("cchc report writes"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("an-khanh.html")));
  r = RunCchc({"template", kCriteria, "-o", Path("evidence.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cchc template does not write CSV"), std::string::npos) << r.err;
}

TEST_F(CliHabits, BomBeforeCsvOnly) {
  const RunResult plain = RunCchc({"score", kCriteria, kEvidence, "--format", "csv"});
  ASSERT_EQ(plain.exit_code, 0);
  ASSERT_NE(plain.out.substr(0, 3), kBom);
  RunResult r = RunCchc({"score", kCriteria, kEvidence, "--format", "csv", "--bom"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kBom + plain.out);
  const std::string file = Path("an-khanh.csv");
  r = RunCchc({"score", kCriteria, kEvidence, "-o", file, "--bom"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(file), kBom + plain.out);
  EXPECT_EQ(r.err, Written(file, "CSV"));
  r = RunCchc({"sensitivity", kCriteria, kEvidence, "--format", "csv", "--bom"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 3), kBom);
  // Anything but CSV: refused.
  r = RunCchc({"score", kCriteria, kEvidence, "--format", "json", "--bom"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --bom is for CSV output (--format csv or -o FILE.csv); this output is "
            "JSON\n");
  r = RunCchc({"score", kCriteria, kEvidence, "--bom"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bom is for CSV output"), std::string::npos) << r.err;
}

TEST_F(CliHabits, EveryCommandThatWritesAFileSaysSo) {
  struct Case {
    std::vector<std::string> args;
    std::string file, label;
    bool vi;
  };
  const std::string communes = Path("communes");
  fs::create_directories(communes);
  fs::copy_file(kEvidence, communes + "/AK.json");
  const std::vector<Case> cases = {
      {{"score", kCriteria, kEvidence}, Path("s.json"), "JSON", true},
      {{"score", kCriteria, kEvidence, "--lang", "en"}, Path("s.md"), "Markdown", false},
      {{"whatif", kCriteria, kEvidence, "examples/an-khanh-2026/scenario-dialogue.json"},
       Path("w.csv"),
       "CSV",
       true},
      {{"tasks", kCriteria, kEvidence, kTasks}, Path("t.md"), "Markdown", true},
      {{"sensitivity", kCriteria, kEvidence}, Path("s.txt"), "bảng", true},
      {{"sensitivity", kCriteria, kEvidence, "--lang", "en"}, Path("s.txt"), "table", false},
      {{"report", kCriteria, kEvidence}, Path("r.html"), "HTML", true},
      {{"report", kCriteria, kEvidence, "--lang", "en"}, Path("r.xlsx"), "XLSX", false},
      {{"template", kCriteria}, Path("e.xlsx"), "XLSX", true},
      {{"fmt", kCriteria}, Path("c.cchc"), "tiêu chí", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args[0] + " -o " + c.file);
    std::vector<std::string> args = c.args;
    args.push_back("-o");
    args.push_back(c.file);
    const RunResult r = RunCchc(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, Written(c.file, c.label, c.vi));
    EXPECT_EQ(r.out, "");
  }
  // batch keeps its summary line; the success line follows it.
  const RunResult b = RunCchc({"batch", kCriteria, communes, "-o", Path("b.json")});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(b.err, "batch: read 1, scored 1, failed 0\n" + Written(Path("b.json"), "JSON"));
  // Printing to stdout says nothing more.
  const RunResult s = RunCchc({"score", kCriteria, kEvidence, "--format", "json"});
  EXPECT_EQ(s.err, "");
}

TEST(CliHabitsArgs, BandNamesInAnyCaseAndUnicodeForm) {
  const RunResult base =
      RunCchc({"tasks", kCriteria, kEvidence, kTasks, "--budget", "30", "--target-band", "Tốt"});
  ASSERT_EQ(base.exit_code, 0) << base.err;
  for (const std::string& typed : {std::string("tốt"), std::string("TỐT"),
                                   std::string("To\u0302\u0301t"),    // NFD, as macOS types it
                                   std::string("t\u00f4\u0301t")}) {  // ô + combining acute
    SCOPED_TRACE(typed);
    const RunResult r =
        RunCchc({"tasks", kCriteria, kEvidence, kTasks, "--budget", "30", "--target-band", typed});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, base.out);
  }
  const RunResult xs = RunCchc({"tasks", kCriteria, kEvidence, kTasks, "--format", "json",
                                "--target-band", "XUA\u0302\u0301T SA\u0306\u0301C"});
  ASSERT_EQ(xs.exit_code, 0) << xs.err;
  EXPECT_NE(xs.out.find("Xuất sắc"), std::string::npos);
  const RunResult typo = RunCchc({"tasks", kCriteria, kEvidence, kTasks, "--target-band", "tot"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "error: unknown --target-band 'tot'; did you mean 'Tốt'? The bands are: \"Xuất sắc\" "
            "\"Tốt\" \"Khá\" \"Trung bình\" \"Yếu\"\n");
}

TEST_F(CliHabits, TypedNamesBecomeNfcData) {
  const std::string communes = Path("communes");
  fs::create_directories(communes);
  RunResult r = RunCchc({"template", kCriteria, "--from", kEvidence, "--unit", "AK2", "--name",
                         "Xa\u0303 An Kha\u0301nh", "-o", communes + "/ak2.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCchc({"batch", kCriteria, communes, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("AK2,Xã An Khánh,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\u0303"), std::string::npos) << r.out;
}

TEST(CliHabitsArgs, EveryCommandsHelpHasARealExample) {
  const std::regex path_re("examples/[A-Za-z0-9_./-]+");
  for (const char* command : {"check", "fmt", "score", "synth", "batch", "whatif", "tasks",
                              "sensitivity", "uncertainty", "report", "serve", "template"}) {
    SCOPED_TRACE(command);
    const RunResult r = RunCchc({command, "--help"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const size_t at = r.out.find("\nExample:\n  ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const std::string example = r.out.substr(at);
    EXPECT_NE(example.find(std::string("cchc ") + command + " "), std::string::npos) << example;
    size_t paths = 0;
    for (auto it = std::sregex_iterator(example.begin(), example.end(), path_re);
         it != std::sregex_iterator(); ++it, ++paths) {
      EXPECT_TRUE(fs::exists(std::string(CCHC_SOURCE_DIR) + "/" + it->str())) << it->str();
    }
    EXPECT_GT(paths, 0u);
  }
  const RunResult top = RunCchc({"--help"});
  EXPECT_NE(top.out.find("cchc COMMAND --help"), std::string::npos);
}

}  // namespace
}  // namespace cchc::cli_habits_test
