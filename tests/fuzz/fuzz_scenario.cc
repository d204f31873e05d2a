// libFuzzer target: the scenario and task-list loaders (and --set
// assignments), typed against the example criteria and evidence; what loads
// cleanly is applied through the what-if engine and diffed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/whatif.h"
#include "evidence/scenario_loader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const cchc::CompiledCriteria& ex = cchc::fuzz::ExampleCriteria();
  const cchc::Evidence& base = cchc::fuzz::ExampleEvidence();
  std::string_view text(reinterpret_cast<const char*>(data), size);

  cchc::ScenarioLoad loose = cchc::LoadScenarioJson(text, "fuzz.json", nullptr, nullptr);
  (void)cchc::RenderIssues(loose.issues);
  cchc::TasksLoad loose_tasks = cchc::LoadTasksJson(text, "fuzz.json", nullptr, nullptr);
  (void)cchc::RenderIssues(loose_tasks.issues);

  cchc::ScenarioLoad scenario = cchc::LoadScenarioJson(text, "fuzz.json", &ex.criteria(), &base);
  cchc::TasksLoad tasks = cchc::LoadTasksJson(text, "fuzz.json", &ex.criteria(), &base);
  if (scenario.ok() || tasks.ok()) {
    cchc::WhatIf whatif(ex.plan(), base);
    std::vector<std::string> problems;
    if (scenario.ok()) {
      cchc::Scorecard after = whatif.Apply(scenario.scenario.effects, &problems);
      cchc::fuzz::CheckCard(after);
      (void)cchc::Diff(whatif.base_card(), after);
    }
    if (tasks.ok()) {
      std::vector<const std::vector<cchc::Effect>*> lists;
      for (const cchc::Task& t : tasks.tasks.tasks) lists.push_back(&t.effects);
      cchc::fuzz::CheckCard(whatif.ApplyAll(lists, &problems));
    }
  }

  // The first line as a `--set ID.FIELD=VALUE` assignment.
  std::vector<cchc::EvidenceIssue> issues;
  (void)cchc::ParseSetAssignment(text.substr(0, text.find('\n')), &ex.criteria(), base, &issues);
  return 0;
}
