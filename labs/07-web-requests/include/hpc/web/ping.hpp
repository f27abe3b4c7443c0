// Pinging many URLs: one after the other, one thread per URL, and curl's multi interface on one thread.
// Lab 07, tasks 2 and 3 (labs/07-web-requests/src/ping.cpp and src/deadline.cpp).
//
// A ping line is "<url>: <body>" for any HTTP answer (also a 404 or a 500: the server answered), and
// "<url>: error: <kind>: <message>" for a transport failure (kind as to_string(ErrorKind) spells it), so
// one failed URL is reported in its own line and never stops the others. Every function returns the
// lines in the order of `urls`, whatever order the answers arrive in.
//
// Every function checks every URL (check_url) before it sends the first request: a malformed URL or an
// unsupported scheme throws HttpError and nothing is sent.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "hpc/web/http.hpp"

namespace hpc::web {

// One GET of url, as a ping line. options apply to the transfer (time-outs, stop). A transport failure
// is the error line; a malformed URL or an unsupported scheme throws HttpError (as check_url does).
std::string ping(const std::string& url, const RequestOptions& options = {});

// The URLs one after the other on the calling thread.
std::vector<std::string> ping_sequential(const std::vector<std::string>& urls,
                                         const RequestOptions& options = {});

// One std::jthread per URL, each with its own easy handle; returns when all are done.
std::vector<std::string> ping_threaded(const std::vector<std::string>& urls,
                                       const RequestOptions& options = {});

// Every transfer added to one curl multi handle and driven from the calling thread (no other thread).
// options.stop is not used here (the caller's thread is the one waiting).
std::vector<std::string> ping_multi(const std::vector<std::string>& urls, const RequestOptions& options = {});

// Task 3. All URLs at once; a URL not answered when `deadline` has passed since the call gives
// "<url>: Custom timeout". Returns within the deadline plus a small margin (LAB.md states it), and by
// then its transfers have really been stopped (the server sees them abandoned) and none of its threads is
// still running. (C++ has no daemon threads: what is not stopped would have to be waited for.)
std::vector<std::string> ping_with_deadline(const std::vector<std::string>& urls,
                                            std::chrono::milliseconds deadline);

}  // namespace hpc::web
