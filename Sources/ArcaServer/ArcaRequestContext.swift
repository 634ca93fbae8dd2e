import Hummingbird
import NIOCore

/// The per-request context of Arca's routes: Hummingbird's core storage plus the peer address,
/// which becomes the `aws:SourceIp` condition key.
struct ArcaRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
