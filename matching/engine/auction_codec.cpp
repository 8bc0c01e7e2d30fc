#include "auction_codec.hpp"

#include "auction_transcript.hpp"

#include <charconv>

namespace gp::matching::engine {
namespace {

using common::Instant;
using common::JsonWriter;
using Kind = ExactJson::Kind;

constexpr std::size_t kMaxIdBytes = 64;

// Reads members of one body; the first problem is kept, later reads return defaults.
class Reader {
 public:
  explicit Reader(const ExactJson& body) : body_(body) {}
  const std::optional<AuctionBodyProblem>& problem() const { return problem_; }

  std::string id(std::string_view name) {
    const auto* v = body_.find(name);
    if (!v || v->kind != Kind::string || v->text.empty() || v->text.size() > kMaxIdBytes) {
      fail(name, "must be a string of 1 to 64 bytes");
      return {};
    }
    return v->text;
  }

  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max,
                       std::optional<std::int64_t> absent = {}) {
    const auto* v = body_.find(name);
    if (!v && absent) return *absent;
    std::int64_t n = 0;
    const bool parsed =
        v && v->kind == Kind::number &&
        std::from_chars(v->text.data(), v->text.data() + v->text.size(), n).ptr == v->text.data() + v->text.size();
    if (!parsed || n < min || n > max) {
      fail(name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return min;
    }
    return n;
  }

  Instant instant(std::string_view name) {
    const auto* v = body_.find(name);
    const auto at = v && v->kind == Kind::string ? Instant::parse_rfc3339(v->text) : std::nullopt;
    if (!at) fail(name, "must be an RFC 3339 UTC instant");
    return at.value_or(Instant{});
  }

  bool flag(std::string_view name) {
    const auto* v = body_.find(name);
    if (!v) return false;
    if (v->kind != Kind::boolean) fail(name, "must be true or false");
    return v->flag;
  }

  const ExactJson* object(std::string_view name) {
    const auto* v = body_.find(name);
    if (!v || v->kind != Kind::object) {
      fail(name, "must be an object");
      return nullptr;
    }
    return v;
  }

  void fail(std::string_view member, std::string problem) {
    if (!problem_) problem_ = AuctionBodyProblem{std::string(member), std::move(problem)};
  }

 private:
  const ExactJson& body_;
  std::optional<AuctionBodyProblem> problem_;
};

EnglishAuctionTerms english_terms(Reader& r, const ExactJson& terms) {
  Reader t(terms);
  EnglishAuctionTerms out;
  out.starting_price_fen = t.integer("starting_price_fen", 1, kMaxAuctionPriceFen);
  out.reserve_price_fen = t.integer("reserve_price_fen", 0, kMaxAuctionPriceFen, 0);
  if (const auto* inc = t.object("increment")) {
    Reader i(*inc);
    out.increment.fixed_fen = i.integer("fixed_fen", 0, kMaxAuctionPriceFen, 0);
    out.increment.basis_points = static_cast<std::int32_t>(i.integer("basis_points", 0, 10'000, 0));
    if (i.problem()) t.fail("increment." + i.problem()->member, i.problem()->problem);
  }
  out.starts_at = t.instant("starts_at");
  out.free_bidding_ends_at = t.instant("free_bidding_ends_at");
  out.countdown_seconds = t.integer("countdown_seconds", 1, 86'400);
  out.hard_stop_at = t.instant("hard_stop_at");
  if (t.problem()) r.fail("terms." + t.problem()->member, t.problem()->problem);
  return out;
}

ReverseAuctionTerms reverse_terms(Reader& r, const ExactJson& terms) {
  Reader t(terms);
  ReverseAuctionTerms out;
  out.expected_value_fen = t.integer("expected_value_fen", 1, kMaxAuctionPriceFen);
  out.min_step_bp = static_cast<std::int32_t>(t.integer("min_step_bp", 1, 10'000));
  out.rounds = static_cast<std::int32_t>(t.integer("rounds", 1, 100, 3));
  out.turn_seconds = t.integer("turn_seconds", 1, 86'400, 120);
  out.starts_at = t.instant("starts_at");
  const auto* bidders = terms.find("bidders");
  if (!bidders || bidders->kind != Kind::array || bidders->items.size() > 1'000) {
    t.fail("bidders", "must be an array of at most 1000 bidders");
  } else {
    for (std::size_t i = 0; i < bidders->items.size(); ++i) {
      const auto& item = bidders->items[i];
      if (item.kind != Kind::object) {
        t.fail("bidders[" + std::to_string(i) + "]", "must be an object");
        break;
      }
      Reader b(item);
      ReverseAuctionBidder bidder{b.id("bidder"), b.integer("initial_price_fen", 1, kMaxAuctionPriceFen),
                                  static_cast<std::int32_t>(b.integer("coefficient_bp", 0, 10'000, 0))};
      if (b.problem()) t.fail("bidders[" + std::to_string(i) + "]." + b.problem()->member, b.problem()->problem);
      out.bidders.push_back(std::move(bidder));
    }
  }
  if (t.problem()) r.fail("terms." + t.problem()->member, t.problem()->problem);
  return out;
}

void write_instant(JsonWriter& w, std::string_view name, Instant at) { w.key(name).value(at.to_rfc3339()); }

}  // namespace

std::optional<std::variant<AuctionCommand, AuctionBodyProblem>> decode_auction_body(std::string_view type,
                                                                                    const ExactJson& body) {
  Reader r(body);
  AuctionCommand command;
  if (type == "open_auction") {
    OpenAuctionCommand open;
    open.auction = r.id("auction");
    const auto* kind = body.find("kind");
    const auto* terms = r.object("terms");
    if (!kind || kind->kind != Kind::string || (kind->text != "english" && kind->text != "reverse")) {
      r.fail("kind", "must be \"english\" or \"reverse\"");
    } else if (terms) {
      open.terms =
          kind->text == "english" ? AuctionTerms(english_terms(r, *terms)) : AuctionTerms(reverse_terms(r, *terms));
    }
    command = std::move(open);
  } else if (type == "register_bidder") {
    command = RegisterBidderCommand{r.id("auction"), r.id("bidder"), r.instant("at")};
  } else if (type == "auction_bid") {
    AuctionBidCommand bid;
    bid.auction = r.id("auction");
    bid.key = r.id("key");
    bid.bidder = r.id("bidder");
    bid.pass = r.flag("pass");
    // A pass keeps the bidder's price; where it is written (the engine's own records), it is read.
    bid.price_fen =
        bid.pass ? r.integer("price_fen", 0, kMaxAuctionPriceFen, 0) : r.integer("price_fen", 1, kMaxAuctionPriceFen);
    bid.at = r.instant("at");
    command = std::move(bid);
  } else if (type == "advance_auctions") {
    AdvanceAuctionsCommand advance{r.instant("at"), std::nullopt};
    if (body.find("auction")) advance.auction = r.id("auction");
    command = std::move(advance);
  } else if (type == "auction_state") {
    command = AuctionStateCommand{r.id("auction")};
  } else if (type == "drop_auction") {
    command = DropAuctionCommand{r.id("auction"), r.instant("at")};
  } else if (type == "announce_bid") {
    command = AnnounceBidCommand{r.id("auction"), static_cast<std::uint32_t>(r.integer("seq", 1, 1'000'000'000))};
  } else if (type == "restore_auction") {
    auto doc = read_auction_transcript(body);
    if (!doc) return AuctionBodyProblem{doc.error().fields[0].field, doc.error().fields[0].problem};
    command = RestoreAuctionCommand{std::move(doc).value().transcript};
  } else if (type == "auction_bids") {
    command =
        AuctionBidsCommand{r.id("auction"), static_cast<std::uint32_t>(r.integer("after_seq", 0, 1'000'000'000, 0)),
                           static_cast<std::uint32_t>(r.integer("limit", 1, 10'000, 1'000))};
  } else {
    return std::nullopt;
  }
  if (r.problem()) return *r.problem();
  return command;
}

void write_auction_terms(JsonWriter& w, const AuctionTerms& terms) {
  if (const auto* e = std::get_if<EnglishAuctionTerms>(&terms)) {
    w.key("kind").value("english").key("terms").begin_object();
    w.key("starting_price_fen").value(e->starting_price_fen).key("reserve_price_fen").value(e->reserve_price_fen);
    w.key("increment").begin_object();
    if (e->increment.fixed_fen > 0) w.key("fixed_fen").value(e->increment.fixed_fen);
    if (e->increment.basis_points > 0) w.key("basis_points").value(std::int64_t{e->increment.basis_points});
    w.end_object();
    write_instant(w, "starts_at", e->starts_at);
    write_instant(w, "free_bidding_ends_at", e->free_bidding_ends_at);
    w.key("countdown_seconds").value(e->countdown_seconds);
    write_instant(w, "hard_stop_at", e->hard_stop_at);
    w.end_object();
  } else {
    const auto& rv = std::get<ReverseAuctionTerms>(terms);
    w.key("kind").value("reverse").key("terms").begin_object();
    w.key("expected_value_fen").value(rv.expected_value_fen).key("min_step_bp").value(std::int64_t{rv.min_step_bp});
    w.key("rounds").value(std::int64_t{rv.rounds}).key("turn_seconds").value(rv.turn_seconds);
    write_instant(w, "starts_at", rv.starts_at);
    w.key("bidders").begin_array();
    for (const auto& b : rv.bidders) {
      w.begin_object().key("bidder").value(b.bidder).key("initial_price_fen").value(b.initial_price_fen);
      w.key("coefficient_bp").value(std::int64_t{b.coefficient_bp}).end_object();
    }
    w.end_array().end_object();
  }
}

std::string_view auction_command_type(const AuctionCommand& command) {
  static constexpr std::string_view kTypes[] = {"open_auction",     "register_bidder", "auction_bid",
                                                "advance_auctions", "auction_state",   "drop_auction",
                                                "auction_bids",     "announce_bid",    "restore_auction"};
  return kTypes[command.index()];
}

void write_auction_command_body(JsonWriter& w, const AuctionCommand& command) {
  if (const auto* restore = std::get_if<RestoreAuctionCommand>(&command)) {
    w.raw(write_auction_transcript({restore->transcript, std::nullopt}));
    return;
  }
  w.begin_object();
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, OpenAuctionCommand>) {
          w.key("auction").value(c.auction);
          write_auction_terms(w, c.terms);
        } else if constexpr (std::is_same_v<T, RegisterBidderCommand>) {
          w.key("auction").value(c.auction).key("bidder").value(c.bidder);
          write_instant(w, "at", c.at);
        } else if constexpr (std::is_same_v<T, AuctionBidCommand>) {
          w.key("auction").value(c.auction).key("key").value(c.key).key("bidder").value(c.bidder);
          if (c.pass) w.key("pass").value(true);
          if (!c.pass || c.price_fen > 0) w.key("price_fen").value(c.price_fen);
          write_instant(w, "at", c.at);
        } else if constexpr (std::is_same_v<T, AdvanceAuctionsCommand>) {
          if (c.auction) w.key("auction").value(*c.auction);
          write_instant(w, "at", c.at);
        } else if constexpr (std::is_same_v<T, AuctionBidsCommand>) {
          w.key("auction").value(c.auction).key("after_seq").value(std::int64_t{c.after_seq});
          w.key("limit").value(std::int64_t{c.limit});
        } else if constexpr (std::is_same_v<T, DropAuctionCommand>) {
          w.key("auction").value(c.auction);
          write_instant(w, "at", c.at);
        } else if constexpr (std::is_same_v<T, AnnounceBidCommand>) {
          w.key("auction").value(c.auction).key("seq").value(std::int64_t{c.seq});
        } else if constexpr (std::is_same_v<T, AuctionStateCommand>) {
          w.key("auction").value(c.auction);
        }  // restore_auction: written whole above
      },
      command);
  w.end_object();
}

void write_accepted_bid(JsonWriter& w, const AcceptedBid& bid, const std::string& bidder) {
  w.begin_object().key("seq").value(std::int64_t{bid.seq}).key("bidder").value(bidder);
  w.key("price_fen").value(bid.price_fen).key("pass").value(bid.pass);
  write_instant(w, "at", bid.at);
  w.end_object();
}

void write_auction_state(JsonWriter& w, const AuctionState& s) {
  w.begin_object().key("auction").value(s.auction).key("kind").value(s.english ? "english" : "reverse");
  w.key("phase").value(s.phase);
  write_instant(w, "clock", s.clock);
  if (!s.bidders.empty()) w.key("bidders").string_array(s.bidders);
  w.key("accepted").value(std::int64_t{s.accepted});
  if (s.english) {
    w.key("current_price_fen").value(s.current_price_fen).key("leader").value_or_null(s.leader);
    w.key("minimum_next_fen").value(s.minimum_next_fen).key("ends_at").value_or_null(s.ends_at);
  } else {
    w.key("step_fen").value(s.step_fen).key("turn");
    if (s.turn) {
      w.begin_object().key("round").value(std::int64_t{s.turn->round}).key("turn").value(std::int64_t{s.turn->turn});
      w.key("bidder").value(s.turn->bidder).key("number").value(std::int64_t{s.turn->number});
      write_instant(w, "starts_at", s.turn->starts_at);
      write_instant(w, "ends_at", s.turn->ends_at);
      w.end_object();
    } else {
      w.null();
    }
    w.key("standings").begin_array();
    for (const auto& st : s.standings) {
      w.begin_object().key("bidder").value(st.bidder).key("number").value(std::int64_t{st.number});
      w.key("price_fen").value(st.price.price_fen).key("coefficient_bp").value(std::int64_t{st.price.coefficient_bp});
      w.key("adjusted_fen").value(st.price.rounded_fen()).key("priced_at_seq").value(std::int64_t{st.priced_at_seq});
      w.key("rank").value(std::int64_t{st.rank}).end_object();
    }
    w.end_array();
  }
  w.key("ended").value(s.ended).key("winner").value_or_null(s.winner);
  w.key("winning_price_fen").value(s.winning_price_fen).key("reserve_met").value(s.reserve_met);
  w.key("ended_at").value_or_null(s.ended_at).end_object();
}

}  // namespace gp::matching::engine
