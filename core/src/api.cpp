#include "ballast/ballast.h"

#include "ballast/calls.h"

#include <new>

namespace ballast {

// Defined in the generated schemas.cpp.
std::string_view embedded_schema(std::string_view kind);

namespace {

std::string check_parsed(Parsed<Case> parsed) {
  if (!parsed.value) return render_json(error_report(std::move(parsed.errors)));
  return render_json(evaluate(*parsed.value));
}

std::string status_parsed(Parsed<Case> parsed) {
  if (!parsed.value) return render_json(error_report(std::move(parsed.errors), Mode::Status));
  return render_json(evaluate_status(*parsed.value));
}

}  // namespace

std::string guarded(const std::function<std::string()>& fn) {
  const char* what = "internal error";
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    what = "out of memory while checking";
  } catch (...) {
    what = "internal error while checking";
  }
  try {
    return render_json(error_report({Diagnostic{code::internal, "case", "", what}}));
  } catch (...) {
    return "{\"ballast\": \"report/1\", \"verdict\": \"error\"}";
  }
}

std::string check_json(std::string_view case_json, const CheckLimits& limits) {
  return guarded([&] { return check_parsed(parse_case(case_json, limits)); });
}

std::string check_documents_json(std::string_view policy_json, std::string_view treasury_json,
                                 std::string_view proposal_json, const CheckLimits& limits) {
  return guarded([&] { return check_parsed(parse_documents(policy_json, treasury_json, proposal_json, limits)); });
}

Report evaluate_prepared(const Prepared& prepared, std::string_view proposal_json) {
  Parsed<Proposal> proposal = parse_prepared(prepared, proposal_json);
  if (!proposal.value) return error_report(std::move(proposal.errors));
  const Case& base = *prepared_case(prepared);
  return evaluate(CaseRef(base.policy, base.treasury, *proposal.value));
}

std::string check_prepared_json(const Prepared& prepared, std::string_view proposal_json) {
  return guarded([&] { return render_json(evaluate_prepared(prepared, proposal_json)); });
}

Report evaluate_calls(const Prepared& prepared, std::string_view calls_text) {
  const Case* base = prepared_case(prepared);
  if (!base) return error_report(prepared_errors(prepared));
  Parsed<Proposal> proposal = import_calls(calls_text, base->treasury);
  if (!proposal.value) return error_report(std::move(proposal.errors));
  return evaluate(CaseRef(base->policy, base->treasury, *proposal.value));
}

std::string check_calls_json(std::string_view policy_json, std::string_view treasury_json, std::string_view calls_text,
                             const CheckLimits& limits) {
  return guarded([&] { return render_json(evaluate_calls(prepare_documents(policy_json, treasury_json, limits), calls_text)); });
}

std::string import_calls_json(std::string_view calls_text, std::string_view treasury_json, const std::string& format,
                              bool* ok, const CheckLimits& limits) {
  if (ok) *ok = false;
  return guarded([&] {
    Parsed<Treasury> t = parse_treasury(treasury_json, limits);
    if (!t.value) return render_validation_json("calls", t.errors);
    Parsed<Proposal> p = import_calls(calls_text, *t.value, limits);
    if (!p.value) return render_validation_json("calls", p.errors);
    if (ok) *ok = true;
    return format == "text" ? proposal_text(*p.value, *t.value) : proposal_json(*p.value, *t.value);
  });
}

std::string export_calls_json(std::string_view treasury_json, std::string_view proposal_json, const std::string& format,
                              long long deadline_hours, bool* ok, std::string* orders, const CheckLimits& limits) {
  if (ok) *ok = false;
  return guarded([&] {
    Parsed<TreasuryProposal> in = parse_treasury_proposal(treasury_json, proposal_json, limits);
    if (!in.value) return render_validation_json("proposal", in.errors);
    ExportOptions options;
    options.deadline_hours = deadline_hours;
    Parsed<Export> e = export_proposal(in.value->proposal, in.value->treasury, options);
    if (!e.value) return render_validation_json("proposal", e.errors);
    if (ok) *ok = true;
    if (orders) *orders = orders_json(*e.value);
    return format == "calls" ? calls_json(*e.value, in.value->treasury)
                             : tx_builder_json(*e.value, in.value->proposal, in.value->treasury);
  });
}

std::string status_prepared_json(const Prepared& prepared) {
  return guarded([&] {
    const Case* base = prepared_case(prepared);
    return render_json(base ? evaluate_status(*base) : error_report(prepared_errors(prepared), Mode::Status));
  });
}

std::string status_json(std::string_view policy_json, std::string_view treasury_json, const CheckLimits& limits) {
  return guarded([&] { return status_parsed(parse_status_documents(policy_json, treasury_json, limits)); });
}

std::string diff_json(std::string_view old_policy, std::string_view new_policy, std::optional<std::string_view> treasury,
                      const CheckLimits& limits) {
  return guarded([&] { return render_diff_json(diff_policies(old_policy, new_policy, treasury, limits)); });
}

std::string validate_json(std::string_view document_json, const CheckLimits& limits) {
  return guarded([&] {
    auto v = validate_document(document_json, limits);
    return render_validation_json(v.kind, v.errors);
  });
}

std::string schema_json(std::string_view kind) {
  std::string k(kind);
  if (auto slash = k.find('/'); slash != std::string::npos) {
    if (k.substr(slash) != "/1") return "";
    k = k.substr(0, slash);
  }
  return std::string(embedded_schema(k));
}

std::string_view version() { return engine_version; }

}  // namespace ballast
