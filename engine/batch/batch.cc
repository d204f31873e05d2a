// Batch scoring: ParallelFor hands inputs to the workers, each with its own
// Scorer over the shared plan; results land in per-input slots so that the
// outcome is the same for any number of workers.
#include "engine/batch/batch.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <unordered_map>

#include "engine/batch/ranking.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/util/parallel_for.h"
#include "evidence/issues.h"
#include "evidence/loader.h"

namespace cchc {
namespace {

constexpr size_t kMaxErrorsShown = 5;

// An input's outcome in the window being scored: its unit (in result.units)
// when scored, else its failure, if it has one.
struct Slot {
  bool scored = false;
  std::optional<BatchFailure> failure;
};

// The card's compact result into *u (a default-constructed unit).
void Compact(const Plan& plan, const Scorecard& card, std::string source, BatchUnit* out) {
  BatchUnit& u = *out;
  u.source = std::move(source);
  u.unit = card.unit;
  u.percent = card.percent;
  u.points = card.points;
  u.max = card.max;
  u.bonus = card.bonus.points;
  u.penalty = card.penalty.points;
  u.band = card.band;
  u.area_percent.reserve(card.areas.size());
  for (const GroupScore& g : card.areas) {
    u.area_percent.push_back(g.max > 0 ? std::optional<double>(g.percent()) : std::nullopt);
  }
  u.criterion_points.reserve(card.criteria.size());
  u.criterion_max.reserve(card.criteria.size());
  for (const GroupScore& g : card.criteria) {
    u.criterion_points.push_back(g.points);
    u.criterion_max.push_back(g.max);
  }
  const size_t n = plan.items().size();
  u.item_points.assign(n, 0);
  u.item_status.assign(n, ItemStatus::kNotApplicable);
  u.item_appraised.assign(n, std::nullopt);
  for (const ItemScore& s : card.items) {
    const size_t i = static_cast<size_t>(s.index);
    u.item_points[i] = s.points;
    u.item_status[i] = s.status;
    u.item_appraised[i] = s.appraised;
    u.missing_evidence += s.status == ItemStatus::kMissingEvidence;
  }
  u.appraised_percent = card.appraised_percent;
  u.appraised_points = card.appraised_points;
}

// The loader's errors as one message; NDJSON issues are moved to file lines.
std::string LoadErrors(std::vector<EvidenceIssue> issues, const std::string& name, size_t line) {
  std::string out;
  size_t shown = 0, errors = 0;
  for (EvidenceIssue& issue : issues) {
    if (issue.severity != Severity::kError) continue;
    ++errors;
    if (shown == kMaxErrorsShown) continue;
    if (line > 0) {
      issue.file = name.substr(0, name.rfind(':'));
      issue.line = static_cast<uint32_t>(line + (issue.line > 0 ? issue.line - 1 : 0));
    }
    out += (shown++ ? "; " : "") + RenderIssue(issue);
  }
  if (errors > shown) out += "; (" + std::to_string(errors - shown) + " more error(s))";
  return out;
}

// What a worker thread keeps from one input to the next: its scorer, its
// loader (which learns the schema's record kinds once), and the read buffer,
// load, index and scorecard, whose memory the next input mostly fits in (a
// fresh one per input would touch new memory for each).
struct Worker {
  Worker(const Plan& plan, const EvidenceLimits& limits)
      : scorer(plan), loader(&plan.criteria(), limits, /*origins=*/false) {
    scorer.set_explain(false);             // a unit's result keeps points and status only
    loader.KeepOnlyFields(plan.fields());  // no rule reads the others (titles, issuers...)
  }
  Scorer scorer;
  EvidenceLoader loader;  // no record origins, no field the plan does not read
  EvidenceLoad load;
  std::optional<EvidenceIndex> index;  // over `load.evidence`, made on the first input
  Scorecard card;
  std::string buffer;
};

void ScoreOne(const Plan& plan, const BatchInputs& inputs, size_t i, Worker* worker, Slot* slot,
              BatchUnit* unit) {
  std::string name = inputs.Name(i);
  std::string_view text;
  std::string why;
  if (!inputs.Read(i, &worker->buffer, &text, &why)) {
    slot->failure = BatchFailure{name, "cannot read: " + why};
    return;
  }
  EvidenceLoad& load = worker->load;
  worker->loader.Load(text, name, &load, inputs.Padded());
  if (!load.ok()) {
    slot->failure = BatchFailure{name, LoadErrors(load.issues, name, inputs.Line(i))};
    return;
  }
  if (load.evidence.unit.code.empty()) {
    slot->failure =
        BatchFailure{name, "the evidence names no unit (unit.code is missing or empty)"};
    return;
  }
  if (worker->index) {
    worker->index->Rebuild(load.evidence);
  } else {
    worker->index.emplace(plan, load.evidence);
  }
  worker->scorer.ScoreInto(*worker->index, &worker->card);
  Compact(plan, worker->card, std::move(name), unit);
  slot->scored = true;
}

}  // namespace

NdjsonInputs::NdjsonInputs(std::string file, std::string_view text) : file_(std::move(file)) {
  size_t line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.find_first_not_of(" \t") != std::string_view::npos) lines_.push_back({line, l});
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
}

std::string NdjsonInputs::Name(size_t i) const {
  return file_ + ":" + std::to_string(lines_[i].line);
}

bool NdjsonInputs::Read(size_t i, std::string*, std::string_view* text, std::string*) const {
  *text = lines_[i].text;
  return true;
}

BatchResult ScoreBatch(const Plan& plan, BatchInputs& inputs, const BatchConfig& o) {
  // Units are scored into their final place (input order), a window of
  // inputs at a time, and the failed and duplicate ones squeezed out after
  // each window: no unit is copied to a new buffer but when the list grows
  // (fresh memory costs page faults, a large share of a batch).
  BatchResult result;
  std::vector<Slot> slots;
  // One per thread, made on the thread's first unit, kept across windows.
  std::vector<std::unique_ptr<Worker>> workers;
  std::unordered_map<std::string, size_t> seen;  // code -> its unit's final position
  size_t begin = 0;                              // the window's first input
  BatchFailure stopped;
  do {
    const size_t end = inputs.size(), n = end - begin, kept = result.units.size();
    result.units.resize(kept + n);
    slots.assign(n, Slot{});
    if (workers.size() < ParallelWorkers(o.jobs, n)) workers.resize(ParallelWorkers(o.jobs, n));
    ParallelFor(n, o.jobs, [&](size_t k, size_t w) {
      std::unique_ptr<Worker>& worker = workers[w];
      const size_t i = begin + k;
      try {
        if (!worker) worker = std::make_unique<Worker>(plan, o.limits);
        ScoreOne(plan, inputs, i, worker.get(), &slots[k], &result.units[kept + k]);
      } catch (const std::exception& e) {
        slots[k].scored = false;
        slots[k].failure = BatchFailure{inputs.Name(i), std::string("internal error: ") + e.what()};
      }
      if (o.progress) o.progress->fetch_add(1, std::memory_order_relaxed);
    });
    size_t next = kept;  // where the next unit that stands goes
    for (size_t k = 0; k < n; ++k) {
      Slot& s = slots[k];
      if (!s.scored) {
        if (s.failure) result.failed.push_back(std::move(*s.failure));
        continue;
      }
      BatchUnit& u = result.units[kept + k];
      auto [it, fresh] = seen.emplace(u.unit.code, next);
      if (!fresh) {
        result.failed.push_back({u.source, "duplicate unit code \"" + u.unit.code +
                                               "\" (already scored from " +
                                               result.units[it->second].source + ")"});
        continue;
      }
      if (next != kept + k) result.units[next] = std::move(u);
      ++next;
    }
    result.units.resize(next);
    begin = end;
  } while (inputs.NextWindow(&stopped));
  if (!stopped.error.empty()) result.failed.push_back(std::move(stopped));
  workers.clear();
  FinishBatch(plan, o.max_gaps, &result);
  return result;
}

void FinishBatch(const Plan& plan, size_t max_gaps, BatchResult* r) {
  const IndexMeta& meta = plan.criteria().index;
  std::vector<double> percents;
  std::vector<std::string> codes;
  for (const BatchUnit& u : r->units) {
    percents.push_back(u.percent);
    codes.push_back(u.unit.code);
  }
  Ranking ranking = RankDescending(percents, codes, meta.ties);
  r->order = ranking.order;
  for (size_t i = 0; i < r->units.size(); ++i) r->units[i].rank = ranking.rank[i];

  BatchSummary& s = r->summary;
  s = BatchSummary{};
  s.index = Summarize(percents);
  const auto& areas = plan.criteria().areas;
  for (size_t a = 0; a < areas.size(); ++a) {
    std::vector<double> v;
    for (const BatchUnit& u : r->units) {
      if (a < u.area_percent.size() && u.area_percent[a]) v.push_back(*u.area_percent[a]);
    }
    s.areas.push_back({areas[a].code, areas[a].name, Summarize(std::move(v))});
  }
  for (const BandDecl& b : meta.bands) s.bands.push_back({b.label, 0});
  for (const BatchUnit& u : r->units) {
    auto it = std::find_if(s.bands.begin(), s.bands.end(),
                           [&](const BandCount& c) { return c.band == u.band; });
    if (it == s.bands.end()) {
      s.bands.push_back({u.band, 1});
    } else {
      ++it->count;
    }
  }
  std::vector<double> gaps;
  for (const BatchUnit& u : r->units) {
    if (u.appraised_percent) gaps.push_back(*u.appraised_percent - u.percent);
  }
  s.appraised_units = gaps.size();
  s.gap = Summarize(std::move(gaps));

  // Largest item gaps: |gap| descending, then rank order, then plan order.
  std::vector<size_t> position(r->units.size());
  for (size_t k = 0; k < r->order.size(); ++k) position[r->order[k]] = k;
  // `before` is a total order (a unit and item are one gap), so keeping the
  // first max_gaps in a heap as the gaps come gives the same list as sorting
  // them all, without holding every gap of every unit.
  auto before = [&](const BatchGap& a, const BatchGap& b) {
    const double ga = std::fabs(a.gap()), gb = std::fabs(b.gap());
    if (ga != gb) return ga > gb;
    if (a.unit != b.unit) return position[a.unit] < position[b.unit];
    return a.item < b.item;
  };
  std::vector<BatchGap> kept;  // a heap whose top is the last of the kept
  kept.reserve(std::min<size_t>(max_gaps, 1024));
  for (size_t u = 0; u < r->units.size() && max_gaps > 0; ++u) {
    const BatchUnit& unit = r->units[u];
    for (size_t i = 0; i < unit.item_appraised.size(); ++i) {
      if (!unit.item_appraised[i]) continue;
      BatchGap g{u, static_cast<int>(i), unit.item_points[i], *unit.item_appraised[i]};
      if (std::fabs(g.gap()) <= 1e-9) continue;
      if (kept.size() < max_gaps) {
        kept.push_back(g);
        std::push_heap(kept.begin(), kept.end(), before);
      } else if (before(g, kept.front())) {
        std::pop_heap(kept.begin(), kept.end(), before);
        kept.back() = g;
        std::push_heap(kept.begin(), kept.end(), before);
      }
    }
  }
  std::sort_heap(kept.begin(), kept.end(), before);
  r->largest_gaps = std::move(kept);
}

}  // namespace cchc
