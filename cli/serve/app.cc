// Request checks and routes. Each handler reads one immutable snapshot, so
// that a save never blocks a read; the JSON bodies reuse the command outputs'
// renderers byte for byte.
#include "cli/serve/app.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/commands/io.h"
#include "cli/serve/assets.h"
#include "cli/serve/evidence_json.h"
#include "criteria/input_limits.h"
#include "engine/analysis/sensitivity.h"
#include "engine/analysis/tasks.h"
#include "engine/analysis/whatif.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/render/analysis.h"
#include "engine/render/html/report.h"
#include "engine/render/labels.h"
#include "engine/render/xlsx/template.h"
#include "evidence/json_writer.h"
#include "evidence/loader.h"
#include "evidence/scenario_loader.h"

namespace cchc::serve {
namespace {

using Json = nlohmann::ordered_json;

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

bool IsWildcard(const std::string& host) { return host == "0.0.0.0" || host == "::"; }

std::string HostForUrl(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// A file name part from a unit code: ASCII letters, digits, '-' and '_'.
std::string SafeName(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  }
  return out.empty() ? "commune" : out;
}

Response IssuesError(int status, const std::string& code, const std::string& message,
                     const std::vector<EvidenceIssue>& issues) {
  Response r;
  r.status = status;
  r.body = "{\"error\": {\"code\": " + JsonQuote(code) + ", \"message\": " + JsonQuote(message) +
           "}, \"issues\": " + IssuesJson(issues) + "}\n";
  return r;
}

std::vector<EvidenceIssue> Errors(const std::vector<EvidenceIssue>& issues) {
  std::vector<EvidenceIssue> out;
  for (const EvidenceIssue& i : issues) {
    if (i.severity == Severity::kError) out.push_back(i);
  }
  return out;
}

// A finite number >= 0 from a query value; false when absent or invalid.
bool ParseBudget(const std::string& text, std::optional<double>* out, std::string* why) {
  if (text.empty()) return true;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) {
    *why = "budget must be a number >= 0, not '" + text + "'";
    return false;
  }
  *out = v;
  return true;
}

const Item* FindItem(const Criteria& c, const std::string& code, std::string* area,
                     std::string* criterion) {
  for (const Area& a : c.areas) {
    for (const Criterion& cr : a.criteria) {
      for (const Item& it : cr.items) {
        if (it.code == code) {
          *area = a.code;
          *criterion = cr.code;
          return &it;
        }
      }
    }
  }
  for (const auto* adj : {&c.bonus, &c.penalty}) {
    if (!*adj) continue;
    for (const Item& it : (*adj)->items) {
      if (it.code == code) return &it;
    }
  }
  return nullptr;
}

}  // namespace

App::App(AppConfig config, std::shared_ptr<const CompiledCriteria> criteria,
         std::unique_ptr<CommuneSession> commune, std::unique_ptr<ProvinceSession> province)
    : config_(std::move(config)),
      criteria_(std::move(criteria)),
      commune_(std::move(commune)),
      province_(std::move(province)),
      schema_json_(SchemaJson(criteria_->criteria())) {}

App::~App() = default;

std::optional<Response> App::Refuse(const Request& r) const {
  const std::string host = r.Header("host");
  if (host.empty()) return JsonError(400, "no_host", "the request has no Host header");
  if (!IsWildcard(config_.host)) {
    const std::string port = ":" + std::to_string(config_.port);
    bool known = false;
    for (const std::string& name : {std::string("127.0.0.1"), std::string("localhost"),
                                    std::string("[::1]"), HostForUrl(config_.host)}) {
      if (host == name + port || (config_.port == 80 && host == name)) known = true;
    }
    if (!known) {
      return JsonError(403, "bad_host",
                       "the Host header '" + host +
                           "' is not this server's address; open the address the server printed");
    }
  }
  const std::string origin = r.Header("origin");
  if (!origin.empty() && origin != "http://" + host) {
    return JsonError(403, "cross_origin",
                     "requests from another site (" + origin + ") are refused");
  }
  if (r.Header("sec-fetch-site") == "cross-site") {
    return JsonError(403, "cross_origin", "requests from another site are refused");
  }
  if (!config_.token.empty()) {
    std::string given = r.Header("x-cchc-token");
    if (given.empty()) given = r.Query("token");
    if (given.empty()) given = CookieValue(r.Header("cookie"), "cchc_token");
    const std::string auth = r.Header("authorization");
    if (given.empty() && auth.compare(0, 7, "Bearer ") == 0) given = auth.substr(7);
    if (!ConstantTimeEqual(given, config_.token)) {
      return JsonError(401, "token", LabelsFor(config_.report.lang).serve.token_needed);
    }
  }
  if (r.body.size() > config_.max_body_bytes) {
    return JsonError(413, "too_large",
                     "the request body is " + std::to_string(r.body.size()) +
                         " bytes, over the limit of " + std::to_string(config_.max_body_bytes));
  }
  return std::nullopt;
}

Response App::Handle(const Request& r) {
  Response out;
  if (auto refused = Refuse(r)) {
    out = std::move(*refused);
  } else {
    out = Route(r);
  }
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  out.headers.emplace_back("Referrer-Policy", "no-referrer");
  out.headers.emplace_back("X-Frame-Options", "DENY");
  out.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self' "
                           "'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

Response App::Route(const Request& r) {
  const std::string& p = r.path;
  const bool get = r.method == "GET" || r.method == "HEAD";
  const bool post = r.method == "POST";
  if (p.compare(0, 5, "/api/") != 0) {
    if (!get) return JsonError(405, "method", "only GET is allowed here");
    return StaticFile(r);
  }
  struct RouteEntry {
    const char* path;
    bool post;
    Response (App::*handler)(const Request&);
  };
  static const RouteEntry kRoutes[] = {
      {"/api/info", false, &App::Info},
      {"/api/score", false, &App::Score},
      {"/api/sensitivity", false, &App::Sensitivity},
      {"/api/item", false, &App::ItemDetail},
      {"/api/evidence", false, &App::EvidenceGet},
      {"/api/evidence", true, &App::EvidenceSave},
      {"/api/preview", true, &App::Preview},
      {"/api/whatif", true, &App::WhatIfPost},
      {"/api/tasks", false, &App::Tasks},
      {"/api/tasks/apply", true, &App::TasksApply},
      {"/api/upload", true, &App::Upload},
      {"/api/history", false, &App::History},
      {"/api/report.html", false, &App::ReportHtml},
      {"/api/report.xlsx", false, &App::ReportXlsx},
      {"/api/evidence.json", false, &App::EvidenceDownload},
      {"/api/evidence.xlsx", false, &App::EvidenceXlsx},
  };
  bool path_known = false;
  for (const RouteEntry& e : kRoutes) {
    if (p != e.path) continue;
    path_known = true;
    if ((e.post && post) || (!e.post && get)) return (this->*e.handler)(r);
  }
  if (p == "/api/schema" && get) return JsonOk(schema_json_);
  if (p == "/api/batch" && get) {
    if (!province_) return JsonError(404, "not_province", "the server shows one commune");
    return JsonOk(province_->batch_json());
  }
  if (p == "/api/ranking" && get) {
    if (!province_) return JsonError(404, "not_province", "the server shows one commune");
    return JsonOk(province_->ranking_json());
  }
  if (path_known || p == "/api/schema" || p == "/api/batch" || p == "/api/ranking") {
    return JsonError(405, "method", "method " + r.method + " is not allowed on " + p);
  }
  return JsonError(404, "not_found", "no such API: " + p);
}

std::shared_ptr<const Snapshot> App::SnapshotFor(const Request& r, Response* error) {
  if (commune_) return commune_->current();
  const std::string unit = r.Query("unit");
  if (unit.empty()) {
    *error = JsonError(400, "unit", "give the commune: ?unit=CODE");
    return nullptr;
  }
  std::string why;
  auto s = province_->OpenUnit(unit, &why);
  if (!s) *error = JsonError(404, "unit", why);
  return s;
}

Response App::Info(const Request& r) {
  (void)r;
  const IndexMeta& meta = criteria_->criteria().index;
  Json info = Json::object();
  info["mode"] = commune_ ? "commune" : "province";
  info["lang"] = config_.report.lang == Lang::kEn ? "en" : "vi";
  Json criteria = {{"name", meta.name},
                   {"province", meta.province},
                   {"year", meta.year},
                   {"precision", meta.precision}};
  Json bands = Json::array();
  for (const BandDecl& b : meta.bands) {
    bands.push_back({{"label", b.label}, {"min_percent", b.is_else ? 0.0 : b.min_percent * 100}});
  }
  criteria["bands"] = std::move(bands);
  info["criteria"] = std::move(criteria);
  if (commune_) {
    auto s = commune_->current();
    info["version"] = s->version;
    info["unit"] = {{"code", s->evidence.unit.code},
                    {"name", s->evidence.unit.name},
                    {"province", s->evidence.unit.province}};
    const std::string& path = commune_->path();
    const size_t slash = path.find_last_of('/');
    info["evidence_file"] = slash == std::string::npos ? path : path.substr(slash + 1);
    info["can_save"] = commune_->save_blocker().empty();
    info["save_blocker"] = commune_->save_blocker();
    info["tasks"] = !commune_->tasks_text().empty();
    Json warnings = Json::array();
    for (const EvidenceIssue& i : s->warnings) warnings.push_back(RenderIssue(i));
    info["warnings"] = std::move(warnings);
  } else {
    info["units"] = province_->result().units.size();
    info["failed"] = province_->result().failed.size();
  }
  info["upload_types"] = Json::array({".json", ".csv", ".xlsx"});
  return JsonOk(info.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
}

Response App::Score(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  return JsonOk(s->score_json);
}

Response App::Sensitivity(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  std::call_once(s->sensitivity_once, [&] {
    WhatIf whatif(criteria_->plan(), s->evidence);
    SensitivityReport report = AnalyzeSensitivity(whatif);
    s->sensitivity_json =
        RenderSensitivity(criteria_->plan(), report, OutputFormat::kJson, config_.report);
  });
  return JsonOk(s->sensitivity_json);
}

Response App::ItemDetail(const Request& r) {
  const std::string code = r.Query("code");
  std::string area, criterion;
  const Item* item = FindItem(criteria_->criteria(), code, &area, &criterion);
  if (!item) return JsonError(404, "item", "no item with the code '" + code + "'");
  Json out = {{"code", item->code}, {"name", item->name}, {"max", item->max}};
  out["area"] = area;
  out["criterion"] = criterion;
  out["expects"] = item->expects;
  out["note"] = item->note;
  const std::string& text = criteria_->source().text();
  if (item->range.begin < item->range.end && item->range.end <= text.size()) {
    out["source"] = text.substr(item->range.begin, item->range.end - item->range.begin);
  } else {
    out["source"] = "";
  }
  return JsonOk(out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
}

Response App::EvidenceGet(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  return JsonOk("{\"version\": " + std::to_string(s->version) +
                ", \"evidence\": " + s->evidence_json + "}\n");
}

Response App::EvidenceSave(const Request& r) {
  if (!commune_) return JsonError(409, "read_only", "the province view is read-only");
  const std::string v = r.Query("version");
  char* end = nullptr;
  const long version = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || end != v.c_str() + v.size() || version < 0 || version > 1000000000) {
    return JsonError(400, "version",
                     "give the version the edit started from: POST /api/evidence?version=N");
  }
  if (JsonDepth(r.body) > config_.max_json_depth) {
    return JsonError(400, "too_deep", "the JSON nests too deeply");
  }
  SaveResult saved = commune_->Save(static_cast<int>(version), r.body);
  if (!saved.ok) {
    if (saved.status == 422) {
      return IssuesError(422, saved.code, saved.message, Errors(saved.issues));
    }
    Response out = JsonError(saved.status, saved.code, saved.message);
    if (saved.code == "stale") {
      out.body = "{\"error\": {\"code\": \"stale\", \"message\": " + JsonQuote(saved.message) +
                 "}, \"version\": " + std::to_string(commune_->current()->version) + "}\n";
    }
    return out;
  }
  return JsonOk("{\"ok\": true, \"version\": " + std::to_string(saved.snapshot->version) +
                ", \"score\": " + saved.snapshot->score_json + "}\n");
}

Response App::Preview(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  if (JsonDepth(r.body) > config_.max_json_depth) {
    return JsonError(400, "too_deep", "the JSON nests too deeply");
  }
  EvidenceLoad load = LoadEvidenceJson(r.body, "evidence", &criteria_->criteria());
  if (!load.ok()) {
    return IssuesError(422, "invalid_evidence", "the evidence has errors", load.issues);
  }
  EvidenceIndex index(criteria_->plan(), load.evidence);
  Scorer scorer(criteria_->plan());
  std::vector<WhatIfColumn> columns;
  columns.push_back({"edit", "editor", scorer.Score(index)});
  const std::string whatif =
      RenderWhatIf(criteria_->plan(), s->card, columns, OutputFormat::kJson, config_.report);
  return JsonOk("{\"ok\": true, \"version\": " + std::to_string(s->version) +
                ", \"issues\": " + IssuesJson(load.issues) + ", \"whatif\": " + whatif + "}\n");
}

Response App::WhatIfPost(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  if (JsonDepth(r.body) > config_.max_json_depth) {
    return JsonError(400, "too_deep", "the JSON nests too deeply");
  }
  ScenarioLoad load = LoadScenarioJson(r.body, "scenario", &criteria_->criteria(), &s->evidence);
  if (!load.ok())
    return IssuesError(422, "invalid_scenario", "the scenario has errors", load.issues);
  std::string source = r.Query("source");
  if (source.empty()) source = "scenario";
  if (load.scenario.name.empty()) load.scenario.name = source;
  WhatIf whatif(criteria_->plan(), s->evidence);
  std::vector<std::string> problems;
  std::vector<WhatIfColumn> columns;
  columns.push_back({load.scenario.name, source, whatif.Apply(load.scenario.effects, &problems)});
  if (!problems.empty()) {
    std::string message;
    for (const std::string& p : problems) message += (message.empty() ? "" : "; ") + p;
    return JsonError(422, "invalid_scenario", message);
  }
  return JsonOk(RenderWhatIf(criteria_->plan(), whatif.base_card(), columns, OutputFormat::kJson,
                             config_.report));
}

Response App::Tasks(const Request& r) {
  if (!commune_ || commune_->tasks_text().empty()) {
    return JsonError(404, "no_tasks", "the server was started without --tasks FILE");
  }
  auto s = commune_->current();
  TaskOptions options;
  std::string why;
  if (!ParseBudget(r.Query("budget"), &options.budget, &why)) {
    return JsonError(400, "budget", why);
  }
  const IndexMeta& meta = criteria_->criteria().index;
  const std::string target = r.Query("target");
  if (!target.empty()) {
    // As `cchc tasks --target-band`: any case, any Unicode form ("tốt", "TỐT").
    const BandDecl* band = FindBand(meta, target);
    if (!band) {
      std::string names;
      for (const BandDecl& b : meta.bands)
        names += (names.empty() ? "\"" : ", \"") + b.label + "\"";
      return JsonError(400, "band", "no band '" + target + "'; the bands are " + names);
    }
    options.target_band = band->label;
  } else {
    const int rank = BandRank(meta, s->card.band);
    if (rank > 0) options.target_band = meta.bands[static_cast<size_t>(rank - 1)].label;
  }
  TasksLoad load = LoadTasksJson(commune_->tasks_text(), commune_->tasks_path(),
                                 &criteria_->criteria(), &s->evidence);
  if (!load.ok()) {
    return IssuesError(422, "invalid_tasks", "the task list does not fit the evidence",
                       load.issues);
  }
  WhatIf whatif(criteria_->plan(), s->evidence);
  const std::optional<TaskAnalysis> analysis = AnalyzeTasks(whatif, load.tasks, options);
  if (!analysis) {
    return JsonError(422, "too_many_tasks",
                     TooManyTasksMessage(load.tasks.tasks.size(), config_.report.lang));
  }
  TasksView view{&load.tasks, &*analysis, options.budget, options.target_band};
  return JsonOk(RenderTasks(criteria_->plan(), view, OutputFormat::kJson, config_.report));
}

Response App::TasksApply(const Request& r) {
  if (!commune_ || commune_->tasks_text().empty()) {
    return JsonError(404, "no_tasks", "the server was started without --tasks FILE");
  }
  if (JsonDepth(r.body) > config_.max_json_depth) {
    return JsonError(400, "too_deep", "the JSON nests too deeply");
  }
  Json body = Json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("tasks") ||
      !body["tasks"].is_array()) {
    return JsonError(400, "body", "expected {\"tasks\": [\"TASK-ID\", ...]}");
  }
  auto s = commune_->current();
  TasksLoad load = LoadTasksJson(commune_->tasks_text(), commune_->tasks_path(),
                                 &criteria_->criteria(), &s->evidence);
  if (!load.ok()) {
    return IssuesError(422, "invalid_tasks", "the task list does not fit the evidence",
                       load.issues);
  }
  std::vector<const std::vector<Effect>*> lists;
  std::string name;
  for (const Json& id : body["tasks"]) {
    if (!id.is_string()) return JsonError(400, "body", "task ids are strings");
    const std::string want = id.get<std::string>();
    const Task* found = nullptr;
    for (const Task& t : load.tasks.tasks) {
      if (t.id == want) found = &t;
    }
    if (!found) return JsonError(404, "task", "no task '" + want + "' in the plan");
    // Effects apply in the plan's order, as the task analysis does.
    lists.push_back(&found->effects);
    name += (name.empty() ? "" : " + ") + want;
  }
  std::sort(lists.begin(), lists.end(), [&](const auto* a, const auto* b) {
    auto pos = [&](const std::vector<Effect>* e) {
      for (size_t i = 0; i < load.tasks.tasks.size(); ++i) {
        if (&load.tasks.tasks[i].effects == e) return i;
      }
      return size_t{0};
    };
    return pos(a) < pos(b);
  });
  WhatIf whatif(criteria_->plan(), s->evidence);
  std::vector<std::string> problems;
  std::vector<WhatIfColumn> columns;
  columns.push_back({name.empty() ? "-" : name, "tasks", whatif.ApplyAll(lists, &problems)});
  return JsonOk(RenderWhatIf(criteria_->plan(), whatif.base_card(), columns, OutputFormat::kJson,
                             config_.report));
}

Response App::Upload(const Request& r) {
  if (!commune_) return JsonError(409, "read_only", "the province view is read-only");
  const std::string name = r.Query("name");
  const std::string mode = r.Query("mode").empty() ? "replace" : r.Query("mode");
  if (mode != "replace" && mode != "merge") {
    return JsonError(400, "mode", "mode is replace or merge");
  }
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](const std::string& t) {
    return lower.size() >= t.size() && lower.compare(lower.size() - t.size(), t.size(), t) == 0;
  };
  if (!ends(".json") && !ends(".csv") && !ends(".xlsx")) {
    return JsonError(415, "file_type", "upload a .json, .csv or .xlsx evidence file");
  }
  if (ends(".json") && JsonDepth(r.body) > config_.max_json_depth) {
    return JsonError(400, "too_deep", "the JSON nests too deeply");
  }
  // The name only chooses the format and labels messages; nothing is read
  // from or written to the file system.
  EvidenceLoad load = LoadEvidenceText(r.body,
                                       ends(".csv")    ? "upload.csv"
                                       : ends(".xlsx") ? "upload.xlsx"
                                                       : "upload.json",
                                       &criteria_->criteria());
  // A fragment naming no year or as_of takes the draft's (below); a wrong year stays an error.
  const std::string no_as_of = EvidenceCodeName(EvidenceCode::kMissingAsOf, Severity::kError);
  const std::string wrong_year = EvidenceCodeName(EvidenceCode::kYearMismatch, Severity::kError);
  std::erase_if(load.issues, [&](const EvidenceIssue& i) {
    return i.code == no_as_of || (i.code == wrong_year && load.evidence.year == 0);
  });
  if (!load.ok()) return IssuesError(422, "invalid_evidence", "the file has errors", load.issues);
  auto s = commune_->current();
  Evidence merged;
  size_t added = 0, replaced = 0;
  if (mode == "replace") {
    merged = std::move(load.evidence);
    added = merged.records.size();
    if (merged.unit.code.empty()) merged.unit = s->evidence.unit;
    if (!merged.year) merged.year = s->evidence.year;
    if (!merged.as_of) merged.as_of = s->evidence.as_of;
  } else {
    merged = s->evidence;
    for (Record& rec : load.evidence.records) {
      bool found = false;
      for (Record& old : merged.records) {
        if (old.id == rec.id) {
          old = rec;
          found = true;
          ++replaced;
        }
      }
      if (!found) {
        merged.records.push_back(std::move(rec));
        ++added;
      }
    }
    for (Appraisal& a : load.evidence.appraisals) {
      bool found = false;
      for (Appraisal& old : merged.appraisals) {
        if (old.item == a.item) {
          old = a;
          found = true;
        }
      }
      if (!found) merged.appraisals.push_back(std::move(a));
    }
  }
  return JsonOk(
      "{\"ok\": true, \"mode\": " + JsonQuote(mode) + ", \"added\": " + std::to_string(added) +
      ", \"replaced\": " + std::to_string(replaced) + ", \"issues\": " + IssuesJson(load.issues) +
      ", \"evidence\": " + EvidenceToJson(merged, /*pretty=*/true) + "}\n");
}

Response App::History(const Request& r) {
  if (!commune_) return JsonError(409, "read_only", "the province view has no history");
  const std::string want = r.Query("version");
  auto entries = commune_->History();
  if (!want.empty()) {
    for (const auto& e : entries) {
      if (std::to_string(e.version) != want) continue;
      std::string why;
      auto text = ReadWholeFile(commune_->history_dir() + "/" + e.file, kMaxEvidenceBytes, &why);
      if (!text) return JsonError(500, "history", why);
      const bool csv = e.file.ends_with(".csv");
      return Download(std::move(*text),
                      csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                      SafeName(e.file));
    }
    return JsonError(404, "history", "no saved version " + want);
  }
  Json list = Json::array();
  for (const auto& e : entries) {
    list.push_back({{"version", e.version}, {"file", e.file}, {"bytes", e.bytes}});
  }
  Json out = {{"version", commune_->current()->version}, {"entries", std::move(list)}};
  return JsonOk(out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
}

Response App::ReportHtml(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  TaskList list;
  TaskAnalysis analysis;
  std::optional<TasksView> view;
  WhatIf whatif(criteria_->plan(), s->evidence);
  if (commune_ && !commune_->tasks_text().empty()) {
    TasksLoad load = LoadTasksJson(commune_->tasks_text(), commune_->tasks_path(),
                                   &criteria_->criteria(), &s->evidence);
    if (load.ok()) {
      list = std::move(load.tasks);
      TaskOptions options;
      std::string why;
      if (!ParseBudget(r.Query("budget"), &options.budget, &why)) {
        return JsonError(400, "budget", why);
      }
      const IndexMeta& meta = criteria_->criteria().index;
      const int rank = BandRank(meta, s->card.band);
      if (rank > 0) options.target_band = meta.bands[static_cast<size_t>(rank - 1)].label;
      std::optional<TaskAnalysis> result = AnalyzeTasks(whatif, list, options);
      if (!result) {
        return JsonError(422, "too_many_tasks",
                         TooManyTasksMessage(list.tasks.size(), config_.report.lang));
      }
      analysis = std::move(*result);
      view = TasksView{&list, &analysis, options.budget, options.target_band};
    }
  }
  std::string html = RenderHtmlReport(criteria_->plan(), whatif.base_card(),
                                      view ? &*view : nullptr, config_.report);
  return Download(std::move(html), "text/html; charset=utf-8",
                  "cchc-report-" + SafeName(s->evidence.unit.code) + ".html");
}

Response App::ReportXlsx(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  // libxlsxwriter writes files only: a private temporary folder, removed at once.
  const char* tmp_root = std::getenv("TMPDIR");
  std::string dir = std::string(tmp_root && *tmp_root ? tmp_root : "/tmp") + "/cchc-serve-XXXXXX";
  if (!::mkdtemp(dir.data())) {
    return JsonError(500, "temp", "cannot create a temporary folder for the workbook");
  }
  const std::string path = dir + "/form.xlsx";
  std::string why;
  const bool ok = WriteSelfAssessmentXlsx(criteria_->plan(), s->card, config_.report, path, &why);
  std::optional<std::string> data;
  if (ok) data = ReadWholeFile(path, kMaxXlsxTotalBytes, &why);
  ::unlink(path.c_str());
  ::rmdir(dir.c_str());
  if (!data) return JsonError(500, "xlsx", "cannot make the workbook: " + why);
  return Download(std::move(*data),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "cchc-form-" + SafeName(s->evidence.unit.code) + ".xlsx");
}

Response App::EvidenceXlsx(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  const char* tmp_root = std::getenv("TMPDIR");
  std::string dir = std::string(tmp_root && *tmp_root ? tmp_root : "/tmp") + "/cchc-serve-XXXXXX";
  if (!::mkdtemp(dir.data())) {
    return JsonError(500, "temp", "cannot create a temporary folder for the workbook");
  }
  const std::string path = dir + "/evidence.xlsx";
  TemplateOptions options;
  options.criteria_text = criteria_->source().text();
  options.from = &s->evidence;
  std::vector<std::string> warnings;
  std::string why;
  const bool ok = WriteEvidenceTemplate(criteria_->plan(), options, path, &warnings, &why);
  std::optional<std::string> data;
  if (ok) data = ReadWholeFile(path, kMaxXlsxTotalBytes, &why);
  ::unlink(path.c_str());
  ::rmdir(dir.c_str());
  if (!data) return JsonError(500, "xlsx", "cannot make the workbook: " + why);
  return Download(std::move(*data),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "evidence-" + SafeName(s->evidence.unit.code) + ".xlsx");
}

Response App::EvidenceDownload(const Request& r) {
  Response error;
  auto s = SnapshotFor(r, &error);
  if (!s) return error;
  return Download(s->evidence_json, "application/json; charset=utf-8",
                  "evidence-" + SafeName(s->evidence.unit.code) + ".json");
}

Response App::StaticFile(const Request& r) {
  const std::string path = r.path == "/" ? "/index.html" : r.path;
  const serve::Asset* a = FindAsset(path);
  if (!a) return JsonError(404, "not_found", "no such page: " + r.path);
  Response out;
  out.content_type = a->content_type;
  out.body.assign(reinterpret_cast<const char*>(a->data), a->size);
  if (!config_.token.empty() && path == "/index.html" && !r.Query("token").empty()) {
    // The address printed carries the token once; the page then uses a
    // same-site cookie, so links and downloads work without it.
    out.headers.emplace_back("Set-Cookie",
                             "cchc_token=" + config_.token + "; Path=/; HttpOnly; SameSite=Strict");
  }
  return out;
}

}  // namespace cchc::serve
