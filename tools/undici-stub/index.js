// @actions/http-client imports ProxyAgent for getAgentDispatcher(), which
// serves fetch()-based clients. This action sends every request through
// node's own request() on keep-alive agents of its own (direct, or through a
// CONNECT tunnel of its own) and uses http-client only for its no_proxy rules
// (checkBypass); HttpClient is reached only through @actions/core's OIDC
// helper, which the action never calls, so the class is never constructed.
export class ProxyAgent {
  constructor() {
    throw new Error(
      'undici is not bundled with this action: HttpClient.getAgentDispatcher() is unsupported'
    )
  }
}
