#pragma once
// EngineJournal: the engine's own record of the state-changing commands it carried out (open_room,
// add_panel, submit_score, withdraw_score, close_room), so that an engine killed with -9 comes back
// with the same rooms by replaying them through the same EngineCore.
//
// File format: one record per command, "<frame byte length>\n<frame>\n". A torn last record (the
// process died mid-write) is ignored on reading. Records are written with one write(2) each and not
// fsynced: they survive the process being killed, not the machine losing power (the server keeps
// every score in PostgreSQL before it sends it, and can reopen a room from there).

#include <string>
#include <string_view>
#include <vector>

namespace gp::matching::engine {

class EngineJournal {
 public:
  // Opens (creating) the file for appending. Throws std::runtime_error naming the file on failure.
  explicit EngineJournal(std::string path);
  ~EngineJournal();
  EngineJournal(const EngineJournal&) = delete;
  EngineJournal& operator=(const EngineJournal&) = delete;

  // Every complete record of the file at `path`, in order; none when the file does not exist.
  static std::vector<std::string> read(const std::string& path);

  // Keeps one record for the next flush().
  void stage(std::string_view frame);
  // Appends the records staged, in one write. Throws std::runtime_error when the write fails (the
  // engine cannot promise recovery then, and stops rather than answer).
  void flush();

  // Replaces the whole journal with these records: written to a temporary file, fsynced and renamed
  // over the journal, so that a crash leaves either the old journal or the new one.
  void rewrite(const std::vector<std::string>& frames);

 private:
  void open_for_append();
  std::string staged_;  // records not yet written

  std::string path_;
  int fd_ = -1;
};

}  // namespace gp::matching::engine
