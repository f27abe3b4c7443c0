// The book's first example (example1.py): one GET, print the status and the headers, save the page to a
// file. Against the local test server's /index.html instead of a search engine's home page, with the
// lab's http_get and save_body (reference solution). Then the same call on URLs that go wrong in each
// of the ways a request can, to show which are answers (a Response with a status) and which are
// transport failures (an HttpError of a kind): nothing is swallowed, nothing is mistaken for the other.
//
//   ch07_demo_get_and_save                  GET /index.html, save it, then the error cases
//   ch07_demo_get_and_save --out page.html  ... and keep the saved page there
//   ch07_demo_get_and_save --base-url http://127.0.0.1:8000   your own server (see the notes)
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/web/http.hpp"
#include "target.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::common::demo::Table;

// A port on 127.0.0.1 that nothing listens on: bind a socket to port 0, read the port the kernel chose,
// close the socket. A connection to it is refused at once.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

// [snippet:outcome]
// What one request came to: an HTTP answer of any status, or a transport failure of a kind, and what
// that means for the caller.
struct Outcome {
  std::string what;
  std::string meaning;
};

Outcome outcome(const std::string& url, const hpc::web::RequestOptions& options = {}) {
  try {
    const long status = hpc::web::http_get(url, options).status;  // 404 and 500 are answers too
    const char* classes[] = {"informational", "success", "redirection (libcurl followed it)",
                             "client error: fix the request, do not repeat it",
                             "server error: perhaps retry later, with back-off"};
    return {"answer: status " + std::to_string(status),
            status >= 100 && status < 600 ? classes[status / 100 - 1] : "not an HTTP status"};
  } catch (const hpc::web::HttpError& e) {  // only transport failures; anything else is a bug: let it out
    switch (e.kind()) {
      case hpc::web::ErrorKind::bad_url:
      case hpc::web::ErrorKind::unsupported_scheme:
        return {"HttpError " + std::string(hpc::web::to_string(e.kind())),
                "rejected before anything was sent"};
      case hpc::web::ErrorKind::connect:
        return {"HttpError connect", "no connection: refused or no such host"};
      case hpc::web::ErrorKind::timeout:
        return {"HttpError timeout", "no (complete) answer in time"};
      case hpc::web::ErrorKind::transfer:
        return {"HttpError transfer", "connected, but the answer was cut short"};
      default:
        return {"HttpError " + std::string(hpc::web::to_string(e.kind())), "see the message"};
    }
  }
}
// [/snippet:outcome]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string base_url;
  std::string out;
  hpc::common::demo::Args(argv[0],
                          "The book's example1.py: GET a page, print status and headers, save it; then a "
                          "request that fails in each possible way.")
      .flag("quick", quick, "the same run (it is quick anyway; what CI runs)")
      .option("base-url", base_url, "send the requests to this server on 127.0.0.1 instead of our own")
      .option("out", out, "keep the saved page in this file (default: a temporary folder)")
      .parse(argc, argv);
  const ch07::Target target = ch07::make_target(argv[0], base_url, {});

  // [snippet:get-and-save]
  const std::string url = target.url("/index.html");
  const hpc::web::Response response = hpc::web::http_get(url);  // throws HttpError if no answer came
  std::cout << "GET " << url << "\nstatus: " << response.status << "\n\n";
  Table headers({"header", "value"});
  for (const auto& [name, value] : response.headers) headers.row({name, value});
  headers.print();

  const hpc::common::TempDir scratch("ch07-get");
  const std::filesystem::path file = out.empty() ? scratch.path() / "index.html" : std::filesystem::path(out);
  hpc::web::save_body(response, file);  // binary, byte for byte; HttpError(file) if it cannot
  // [/snippet:get-and-save]
  const bool same = hpc::common::read_file(file) == response.body;
  std::cout << "\nsaved " << response.body.size() << " bytes to " << (out.empty() ? "a temporary " : "")
            << file.string() << (same ? " (read back: identical)" : " (read back: DIFFERENT)") << "\n"
            << "Content-Type, looked up as \"content-type\": "
            << (response.headers.contains("content-type") ? response.headers.find("content-type")->second
                                                          : std::string("(none)"))
            << "\n\nThe book (www.google.com): status 200, Content-Type 'text/html; charset=ISO-8859-1', "
               "Content-Encoding 'gzip', Content-Length '4958'.\n";

  std::cout << "\nWhat a request can come to:\n\n";
  Table cases({"request", "what came back", "what it means"});
  auto add = [&cases](const std::string& request, const Outcome& result) {
    cases.row({request, result.what, result.meaning});
  };
  add("GET /index.html", outcome(url));
  add("GET /404", outcome(target.url("/404")));
  add("GET /500", outcome(target.url("/500")));
  if (target.own_server()) {  // routes only our server has
    hpc::web::RequestOptions impatient;
    impatient.timeout = 200ms;
    add("GET /200?sleep=1000 with a 200 ms timeout", outcome(target.url("/200?sleep=1000"), impatient));
    add("GET /bytes/100000?drop_after=1000", outcome(target.url("/bytes/100000?drop_after=1000")));
  }
  const std::string refused = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  add("GET " + refused + " (nothing listens)", outcome(refused));
  add("GET ftp://127.0.0.1/", outcome("ftp://127.0.0.1/"));
  add("GET not a url", outcome("not a url"));
  cases.print();
  if (quick) std::cout << "\n(--quick: the same run; this demo is quick at any size.)\n";
  return same ? 0 : 1;
}
