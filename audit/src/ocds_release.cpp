#include "gongping/audit/ocds_release.hpp"

#include "gongping/common/json_writer.hpp"

namespace gp::audit::ocds {
namespace {

enum class Stage { tender, bids, award, contract };

// OCDS amounts are numbers: 1234.56.
void write_value(common::JsonWriter& w, common::Money m) {
  w.begin_object().key("amount").raw(m.to_decimal_string()).key("currency").value("CNY").end_object();
}

void write_reference(common::JsonWriter& w, const Organization& o) {
  w.begin_object().key("id").value(o.id).key("name").value(o.name).end_object();
}

// Public tender is open; the others invite or shortlist suppliers (selective).
std::string procurement_method(const std::string& procedure) {
  return procedure == "public_tender" ? "open" : "selective";
}

// The tender's status as of a stage.
std::string tender_status(const TenderFacts& f, Stage stage, bool last) {
  if (last && f.state == "cancelled") return "cancelled";
  if (last && f.state == "failed") return "unsuccessful";
  return stage == Stage::award || stage == Stage::contract ? "complete" : "active";
}

std::string release_json(const std::string& prefix, const TenderFacts& f, Stage stage, bool last, const std::string& id,
                         common::Instant date) {
  const bool with_bids = stage != Stage::tender;
  const bool with_award = stage == Stage::award || stage == Stage::contract;
  common::JsonWriter w;
  w.begin_object()
      .key("ocid")
      .value(ocid(prefix, f.tender_id))
      .key("id")
      .value(id)
      .key("date")
      .value(date.to_rfc3339());
  w.key("tag").begin_array();
  if (last && f.state == "cancelled") {
    w.value("tenderCancellation");
  } else {
    switch (stage) {
      case Stage::tender: w.value("tender"); break;
      case Stage::bids: w.value("tenderUpdate"); break;
      case Stage::award: w.value("award"); break;
      case Stage::contract: w.value("contract"); break;
    }
  }
  w.end_array().key("initiationType").value("tender").key("language").value("zh");

  w.key("parties").begin_array();
  w.begin_object().key("id").value(f.buyer.id).key("name").value(f.buyer.name);
  w.key("roles").string_array({"buyer", "procuringEntity"}).end_object();
  if (with_bids) {
    for (const auto& b : f.bids) {
      std::vector<std::string> roles = {"tenderer"};
      if (with_award && f.award && f.award->supplier.id == b.tenderer.id) roles.push_back("supplier");
      w.begin_object().key("id").value(b.tenderer.id).key("name").value(b.tenderer.name);
      w.key("roles").string_array(roles).end_object();
    }
  }
  w.end_array().key("buyer");
  write_reference(w, f.buyer);

  w.key("tender").begin_object().key("id").value(f.tender_id).key("title").value(f.title);
  w.key("description").value(f.description).key("status").value(tender_status(f, stage, last));
  w.key("procuringEntity");
  write_reference(w, f.buyer);
  w.key("value");
  write_value(w, f.budget);
  w.key("procurementMethod").value(procurement_method(f.procedure)).key("procurementMethodDetails").value(f.procedure);
  w.key("mainProcurementCategory").value(f.category);
  w.key("awardCriteria").value(f.price_only ? "priceOnly" : "ratedCriteria");
  w.key("tenderPeriod").begin_object().key("startDate").value(f.published_at.to_rfc3339());
  w.key("endDate").value(f.bid_deadline.to_rfc3339()).end_object();
  w.key("enquiryPeriod").begin_object().key("startDate").value(f.published_at.to_rfc3339());
  w.key("endDate").value(f.clarification_deadline.to_rfc3339()).end_object();
  if (with_bids) {
    w.key("numberOfTenderers").value(static_cast<std::int64_t>(f.bids.size())).key("tenderers").begin_array();
    for (const auto& b : f.bids) write_reference(w, b.tenderer);
    w.end_array();
  }
  w.end_object();

  if (with_bids) {
    w.key("bids").begin_object().key("details").begin_array();
    for (const auto& b : f.bids) {
      w.begin_object().key("id").value(b.id).key("date").value(b.received_at.to_rfc3339());
      w.key("status").value(b.valid ? "valid" : "disqualified").key("tenderers").begin_array();
      write_reference(w, b.tenderer);
      w.end_array();
      if (b.price) {
        w.key("value");
        write_value(w, *b.price);
      }
      w.end_object();
    }
    w.end_array().end_object();
  }
  if (with_award && f.award) {
    const auto& a = *f.award;
    w.key("awards").begin_array().begin_object().key("id").value(f.tender_id + "-award");
    w.key("status").value(a.notice_at ? "active" : "pending").key("date").value(a.announced_at.to_rfc3339());
    w.key("value");
    write_value(w, a.value);
    w.key("suppliers").begin_array();
    write_reference(w, a.supplier);
    w.end_array().end_object().end_array();
  }
  if (stage == Stage::contract && f.contract) {
    w.key("contracts").begin_array().begin_object().key("id").value(f.tender_id + "-contract");
    w.key("awardID").value(f.tender_id + "-award").key("status").value("active");
    w.key("value");
    write_value(w, f.contract->value);
    w.key("dateSigned").value(f.contract->signed_at.to_rfc3339()).end_object().end_array();
  }
  w.end_object();
  return w.take();
}

void write_publisher(common::JsonWriter& w, const PackageInfo& info) {
  w.key("uri").value(info.uri).key("version").value("1.1");
  w.key("extensions")
      .string_array(
          {"https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json"});
  w.key("publishedDate").value(info.published_at.to_rfc3339());
  w.key("publisher").begin_object().key("name").value(info.publisher).end_object();
}

}  // namespace

std::string ocid(const std::string& prefix, const std::string& tender_id) { return prefix + "-" + tender_id; }

std::vector<Release> releases(const std::string& prefix, const TenderFacts& f) {
  struct Step {
    Stage stage;
    std::string suffix;
    common::Instant date;
  };
  std::vector<Step> steps = {{Stage::tender, "tender", f.published_at}};
  if (f.opened_at) steps.push_back({Stage::bids, "bids", *f.opened_at});
  if (f.award) steps.push_back({Stage::award, "award", f.award->notice_at.value_or(f.award->announced_at)});
  if (f.award && f.contract) steps.push_back({Stage::contract, "contract", f.contract->recorded_at});
  if (f.ended_at && (f.state == "cancelled" || f.state == "failed")) {
    // The last stage reached is published again as of the end, with the final status.
    steps.push_back({steps.back().stage, f.state == "cancelled" ? "cancellation" : "unsuccessful", *f.ended_at});
  }
  std::vector<Release> out;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const bool last = i + 1 == steps.size();
    const std::string id = f.tender_id + "-" + steps[i].suffix;
    out.push_back({id, steps[i].date, release_json(prefix, f, steps[i].stage, last, id, steps[i].date)});
  }
  return out;
}

std::string release_package(const PackageInfo& info, const std::vector<Release>& releases) {
  common::JsonWriter w;
  w.begin_object();
  write_publisher(w, info);
  w.key("releases").begin_array();
  for (const auto& r : releases) w.raw(r.json);
  w.end_array().end_object();
  return w.take();
}

std::string record_package(const PackageInfo& info, const std::vector<std::vector<Release>>& processes) {
  common::JsonWriter w;
  w.begin_object();
  write_publisher(w, info);
  w.key("records").begin_array();
  for (const auto& releases : processes) {
    if (releases.empty()) continue;
    // The ocid is the releases' own; the compiled release is the latest snapshot, tagged compiled.
    const auto& latest = releases.back().json;
    const auto ocid_start = latest.find("\"ocid\":\"") + 8;
    const auto ocid_text = latest.substr(ocid_start, latest.find('"', ocid_start) - ocid_start);
    w.begin_object().key("ocid").value(ocid_text).key("releases").begin_array();
    for (const auto& r : releases) w.raw(r.json);
    w.end_array();
    const auto tag_start = latest.find("\"tag\":[");
    const auto tag_end = latest.find(']', tag_start);
    w.key("compiledRelease").raw(latest.substr(0, tag_start) + "\"tag\":[\"compiled\"" + latest.substr(tag_end));
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace gp::audit::ocds
