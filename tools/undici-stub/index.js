// @actions/http-client imports ProxyAgent for getAgentDispatcher(), which
// serves fetch()-based clients. This action sends through HttpClient.request()
// (proxies via `tunnel`), so the class is never constructed here.
export class ProxyAgent {
  constructor() {
    throw new Error(
      'undici is not bundled with this action: HttpClient.getAgentDispatcher() is unsupported'
    )
  }
}
