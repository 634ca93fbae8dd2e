import Foundation

/// Keys and signatures made with the OpenSSL 3.0 CLI, so Arca is checked against another implementation.
///
/// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:N | openssl pkcs8 -topk8 -nocrypt -outform DER`
/// (and `-algorithm EC -pkeyopt ec_paramgen_curve:P-256`, `-algorithm X25519`; SEC1 from `openssl ec -outform DER`).
enum OpenSSLVectors {
    /// An RSA_2048 private key, PKCS #8 DER.
    static let rsa2048PKCS8 = Data(base64Encoded: """
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDbl1Ij5b2iOFi++o9EP+6ysaTOSDwLsq94rtr08hEuyqZaGGU5
        9XcH2GmFPRrETkJoS8EwPFyg48iRlQcOxEqVYPiSF/IYgFt1DRF18gAB4UT2qDIZrNBAxgsn922j0S8VOc9+R31QJouD3im4Uulc
        qz4fF8f4u6SGFUYlFaJaLZyF0HlYF7I8vB4IVNuBaEy30jD7wC+vacgV8PEabyqEyHzN6GAr9iEOBMyvy4vxTo7uWxgFNXOmQd1l
        4iclDV7ZSp9SCmqgK61q+ZWiZknq8SXHZ+nbSesxrSv1dWryc4uiA8nZ1umz+8VglbbRjVlxrOEJ8uq/Mn9NAIeEb6JlAgMBAAEC
        ggEAH9UxYqPQ2D3b25+d+jJca4omDoNZNQbrug57DkwzInndIK1tqzfC0B/WuCpyAWgo506oDFKLyQUMU9JrSgA5oasDjcYr4dJl
        r7O7xsHUr3EVGr6qOJ+dNu6eumX7fmZ6MVUGl9NMPry/t9eSa7aVPspSQJaldhDZmlhmKUUYGoNCcRY7J43K3FaEdSfWJtXav/o5
        hRcZjyHmR0WIWJOcyCnwbLOieZ+GCrXqxu03/1gmjungaMxDk2QsDgxdfphanXos2/iQPd8CNzb57yawCS2ylvvbVDn45Wcb6RM5
        Ze1RPEO/8xknlqAaJ5mEpgk51jPWSI0AO26p9vnmmeRo8QKBgQDvgU9nbXxOPpzOh0kU39xpUbxTRaUsx2b5fvk65ciNFq/OoJHp
        J8QKF55Wt+v3lblpUDZifNp74R1jcxBMxJlG7/l8IvoY/jRXnxbwEOoKL/w5W1sEuHNZxEyz8d3846Vu3obDY/6FkgxAKzYxHZK2
        GXx/XYzDag6VikRqusxKSQKBgQDqtuid5Jl3XQCVjxOwkjbKaTLHdX/WzZCLiygrva+CzM4zCzWIPcrsNNk8x5mMjiEUc5IPgB5i
        Hx8u1KtcDiM/+JnXjlw017rkng7+6upplLpEuBRudsDRw5qOSxo57UPcndhkp2xK3PnOX/Fti2beseMrFX56bBZqfb5LAWp3PQKB
        gCWue5azNBZ/ZV5dDJN7MQtk77NORtGHwdzJLF8m3enMwvZIbwx21DIeSywrnbWDWfuGwje2mw1Yeq414T+iwtbVVLRCMIUUIZoT
        jqFQl/HoYM+JXwWcG5Ho/4RkLl/mVRXfbuZ46geL1d+WrN0HYRjDY8IKLuZj3k2Kxn7gStn5AoGAI9xQTBdqLyeBeFhE3NxqDKDo
        Bjt4jbwYkolvWMeBck2ST5At3KP8RfyJGFUyq5vnh/VkYoPjoIA6xm/twoHSduqnrpxskBJJ1rYjemUv7XOwxeEOFhaEvUfSbF0j
        I6iRjrp7Hl3KGOIMNLDJ9T+wNuQc3i9JhLDQ9/JASbtspc0CgYEA4fzbuBkxKxToXjq/23G5BArnKzfXqktgVi1oCgVJXhTv1cUN
        5dK4WYVTJF8vgKHIO9uhRNo/WT4NBGBW9glwPV3YHDrUqT1x2CoxhKTWbk3cyw6hXUfG1Lbk4Cc7vg6TSPya0H4pAQ9fi0frP/U/
        azLXDgf9T5GiaSTuP451uJo=
        """, options: .ignoreUnknownCharacters)!
    /// The message signed by ``rsa2048PKCS1v15SHA256Signature``.
    static let rsaSignedMessage = Data("Arca signs this message with RSASSA_PKCS1_V1_5_SHA_256.".utf8)
    /// `openssl dgst -sha256 -sign rsa2048.der -keyform DER message`: RSASSA-PKCS1-v1_5, deterministic.
    static let rsa2048PKCS1v15SHA256Signature = Data(base64Encoded: """
        k/Pxc7uX1jOJcJLckk04j9+RRIJ8QbBUuCoL59R5ry+2isifgRPYwgh2P6+JeFHwGEqbO6E5/3CH2otJUPNTK3JDJ/jxgM10+3On
        h+BHIKrr4f5I82dng1dyMCKbY2KeoKO81mpjdfBFdivTRPzPjSfyDCFmI5jAeLIlZoldUulGwWTmolGcKHEfM22ocXOrS2g/VVCY
        CCMaQAO2aKBMKYdSE8rx/2y2ANGKdlC/zzQLI49m4MWAvKU3hHNjS28WEC6JF8NWyQ6q0QF4wytZt8sA6a8J69uUwpN7XA2ZG9pZ
        S2BWnemk2gFEmKLJC4yY36Z0PjM0IzuSjc4BOX61vQ==
        """, options: .ignoreUnknownCharacters)!
    /// An RSA_3072 private key, PKCS #8 DER.
    static let rsa3072PKCS8 = Data(base64Encoded: """
        MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQDMrsin9pvg91A3RqnVCPe3XbuS0BbYFfBb1aewNGfg2E9ZmwPE
        IqTn35mP24lXLBXS0gNPxM2KcvnEj+6sAa57waGnOJnaD5NZSw+vBV2Y0t771LA1Lej/ysqOqUWHe8cfm6pKIIF5b5FkS/A1dXkW
        MRP9HooTdRy/CjqUuLxpjSPWXuhcS3TyKqIRnxdC8HbT1AkSBxDe8svSuZvot7OX6vgWZnBUUzUnrviAQsv1lZU6MSRto+0VZo0F
        jlBHGTX+LeQAyc+KtsH5/dhP46kitHUel+EqcZWo8YFWBAZ2U6Gb8sxanpdQIc6V8GgdYBKYJTFRZu1WVu25TAY0Ty7RQVfWEOK9
        EyyS3PenOD64inJAxdZRfSD/sRCG52BnKsVisgVAI7JH7UAyM4UAcx4iLQ4yLDdO8E928c5vYBni+SO8nxjpHvvvvb7VNOOmasyv
        7KtEJcUCulJxbBpu/QlSIbcx3RPniSYBHW+qQ5Lkw8VV8Nc4eoiMmv7dskQY+8kCAwEAAQKCAYAFePnf9cnCqNIh/DdvvPrkkfLB
        MOOfeOyxg+OlJC2P1zC98FVYMeXvVizkqgXAySq3NYrFn/kv5bWUYhXLTwszf2CbWDnS2P5DUay0bQQM4Tx5hr0EWvsjFbC3QkLb
        5b0T9QVHUJmtncRJJnegckjfxUWny6B89zFi0TryPYM6Hj4yTdzQFOtmSyoEpxiH32aJ8N4iN4Klt1+oPXKz9O9uFSf3b1s7AfOG
        oVi/EyohYZO5F9XFwa+F1jVYi+7NC9k3uTURm55uWS7RuizTZB2yOs0X3c9yp/npsvyISHxJuZcD/ylWb/lvTdwEkKN5LXwpfCRb
        +902D3c6l+8+ufni9uk7N8ob2aTRuVfzXVnoMrDUcvkbPtXK/ToN+bkuCxNQpqOsYCb/myuWaQWpNFFqEuNRxB09XD0gF/EJgzcw
        uWku1SAlC/LCTwvUgmlJfWng1VDN+uPmVFJde8pe55J9tl1B4Xxma9+ygcAYZOpgKfw13LmiqOCOdwXSzq/l5+ECgcEA6rv15kwn
        r9K6ChZu606bVN0mGsLO6SE/TcvLZLws4jG6aA7Tb1kEQ9tedd1vqGFh/20ZyQ7bwf7lVzs8ifSnRUniR724RWvmkxBCVN+pHazq
        JE5ARMd6EOlsaMrkFI9DjT7jCmuMuCYz9hlW7ILrfShqvL1QLU8/IOZw/D3FD16yxICy09wiUEy10XF3S8WFqMjs1S5t5bhHR/Sv
        MzUh6KNxkOsLASQChB9JrucogrDWG8s4SLHLq15I/B6xXwC5AoHBAN85295FZv4MEuhYHlNQjstk8Jx7bk07XLjiQLIzRrgzLjrp
        8zTuvOacqWgdMRjG1K/nfKaEYYGLYWJxhzQzgTyXjcoTa2MzBx+WsxmK/CiQ5jbd2LYeXLRDyAc00yOQKzOBxOM8a5PqqtlJnWhs
        JQAQ48rWTYNfLP7se5bRb8D/XzgjOStYSCUTldhM7lvuYdZZ47fgh7H+1mmeAo/6ZWFChbrXn4D/6XfjEZ3bVc7mk1qXEPJEFfxv
        sWnZAz6rkQKBwQDOBt/TnPAQgJLNm9cLLVlk6R4yyt20/XuEmuUQq6Fxf1gvUSP/TVBTBs4oAY2paqALAwVo1WPJKCK/p7yBEX1n
        cWvsr/Z26DfeyJyPxie3Zje0WgJK3BKlmVuPttTtvrj51kKMuM0wLEfbL2599IMgvULCGh+vRSkRhXGR092Mmf+qPZO4JDTx6gKD
        rGWa2elwtbo5eqD2ygG2hGrqNS5n9F0PZ12nSKX0tUmE/FswKmoixwHFvFgZN44zy/S+f/ECgcB021EidqqH68IqJ5cYfl+CUoEz
        KdqAS8cqcib0Iquu2fwlkztiRmhVQUXd3wpIsi29OC2k7kAtFM4SPuRMi3noQl5Tnv7km13rR3TStlNy2QfrSQ+dpx9YrvMT8q9l
        Op+jAxgS7RpUANEXltX0SEjGVBErqixBzZ08hofcWB9spUMvnCDddAWwgyQ6a2uMbKqDD+OJ6tyebY3JFJK61JYl6DEhsqcpXM7X
        l+MtBBlTipkxH0wbx1DLKZ1yj8yHDkECgcBhlv283l03aypq+Gtjy901wXSLhyP4vMYY1h3xBzKV2vhplyufkLhEmHO9El1N163N
        fknxZYwUlEakkd+xck+4WDxXlr0YSgmwwtf4tte7DoHjGpO/ctM4Xd90isiIwCfRgZBGONs9ozvuYx7DxsQq50brW8vfHrncqKTZ
        RcT6Jdq9BdehT4dncwZw+MCVci/OHSpRIHpvCjXlaFJrqsJE7FN4KRowb8h6KJbjSNG16f6NnyDBfKGaath1kYF/pZo=
        """, options: .ignoreUnknownCharacters)!
    /// An RSA_4096 private key, PKCS #8 DER.
    static let rsa4096PKCS8 = Data(base64Encoded: """
        MIIJQgIBADANBgkqhkiG9w0BAQEFAASCCSwwggkoAgEAAoICAQDSQDVRuzw4r8DwYbBCM/ROb9oUWKfISYsp1bvTV8STxiAqitPZ
        P0iJTc8kd/9+NEKSmdEww8CMN2rPsUsSDao1UAVIDKyB6ZBjj4HeHwUEh2rGnztX+Lh2KS9/3k/ieFQBzHoXnUY8AQdqB+18k6Mq
        A5NXgs4zZi2IcsTIWlV6qn3RhYA3pD2LLNdHHSbY4Oo4ToLD0D+ESFiGwzYJUjNAf0KgA3KaegX4nDV1IRCAABXPtp49jostVLz0
        bMa1on50uFibRZxOGgaOBjR6QU9qrNDBjIYI9Fu61iAPYfa7k43DU7IRFwwr8ghJP21pk1P9SOg2r4oau/kVJXS3BIdNaXTSZ+rA
        J2SGiaPjZJTmuhPIUhQU3s9PM9r5rJemP8RUZkO/sKx33BjOVNyX/e/m0hBLU+1Lct6YsJgdcJPvuiotb/N0WxwWTw+RvYs0ENMP
        zgz0gN++WvHKYiDZGNuUg2KXM7ARvb57R6LHQ8LadSAt475hT+V/jOrg7O4ee3kfvOjlVtmB1MeepoUws4vQHEA8EtzwZD3odc2H
        q2wrpx23miL6J+IHtz28j16mhv/89xoscsqNEDxF94Q6uDSwKcijviFboWXov3dER16JBmaWBPs/y/MOWulfBnj7RusQWdVtX5rQ
        /dmqZJuKHXUgiJAaqsnm+b9wW5KV2NAqjQIDAQABAoICAAvJhL5lyFex5sJd6lieerUGXqFjDQOqDS7AaEzOGrEMMP526lnqIIIY
        xiMDGo7z6sLhnmbk+pUB1a+k1BLEMwV/zHlVwzrEojnVWvsIcyq7VXhNh1wEZNcJsmYxS6TkiRUmu7Y6NNdQBB86KDgikMmzX0h5
        3AnpUbvYxKvU1f5QCPNnpXYOc6grUJBl6Skh3DphkGwzmclWmFFJ0sGNWwk5I+jo+JJXgqEwT2uXJHUrTA2+l7rXac8V9UKgxzfP
        TyvyWn6uADgoC7OyU7Es8IEIWkBs7+YYSPzoXJjFgw8mE72zzK5aQ+5CHfEj/gQmudU1MquU23cUkGon6kCzyh//Xiy7qj4RSkrX
        c/d62vbiwmErHbYKFyDhQ9ka1/NoP7NcOBeeECg4aNAf08mkY6OxZki2MHT48uTCf2KKebqgPR7ZPKoJRCP1tgwPcFjhDkjZtSW9
        1ITt+FVuWw03Yq+GpeB40liz2K0oFnk5GaFHFDU/zzY7pFU/FpCCwhDdv2Vnjvawho/t01smtcyqKB4OShOiikF4JJaEI1qCD9CO
        SCsa122jYIIxpOdQK/3vef6jfNTZ0OsszP2ttQL3AYsavVKK19+Ie3000bah8AKCZrt2pJM9K52E3299JEQwxnBD4Ucvr2KTe0WK
        MaaLZq1iQfOmHw0ZC39ycQnTmsphAoIBAQDyr7JcYUU2lHl3SuqMeOw5V/QbBUqHeBPK8vkcb8Kj/VdlfjDKaSiXpWrhgVvsns9v
        uyQe7Gb3CTaV0wcQ32/dx4yrg7yIoK2WK/JqFwSTn1nCL9fdls5XDde+Ygc7GWXW8CrfLtAhMjR41IfG11dBEuAyzKq+1Pn5IpRl
        VfJ2hE+dRGe2jQG3ghxZdMGgvB07zmCTyXUSc7DV9r9qhGKRbS7VX0Tu2VH8+/S0E62XVWuUr5k69PanCPAWTsHT+uyW1aVCsxMk
        EEHLJlITD0z3msbgY30Z+d5eyFH8XxcYmJJV0LXubc6fx6yvWWrzqlkBOFjZaJlgdt7cP+ejdwKxAoIBAQDdyPwyTTfCayDXq7dx
        V3EHYANZ2I9uwG7KmVAGxlZZtKT2OBrSEpwdcRBIbkIbAVp6o7FvDgbXJCYNPiJy9pRq3c7448FlVZ4UtacAvmEpuBn2N8xchdDk
        5rfvsWzpHGI12qlFVwIH2GWk5fZnmQxbX45TZU1X5xWLV3PK60Ncscwwqgkv8N5V1As1h2P8irpucjYIIsBr7QhMgR4QpOZ4MgLZ
        7pVET65jrZtUH8Eg0NLMrHzmZkgCsjFs8RjIyNLZHiB747roNyrjEMFFF2elaA38yzB8qI87eqPntcR5wqfYaPmo5lcFZTeWcskB
        dSm6vXSK4Kqk18yBWDZwBMSdAoIBAHrf1nDLlx2hYzaxKbxh5UjLbX7Y2PlqJKtXBiYNuAEL3lo24EE7qR/O0yTGOGK/rcumdw1p
        KGDfu1F0fVlfp+YkiOa2VpjescUdDyoD6X9M6UdWrfc1yddt3NQ6EessWtHO3AYQT7TfFI4xHWXh1f3OrtFJqxHgB4jKp1P/hjnX
        l+/KmLBnCH1/VRc99GOLm0mSnnd1Qt9K0DglLJmj2bxECbhi+iXsxoROlYEvjW7YAxZPKkgdi1zbO6Qv0BeiLnPYTEpPHNvfl1Bi
        YJ/h2Vhsd1FZThf+2UYoKsqa4rjDVyQ3/kVwN3PSx24o2evxTgs+Gk5JlY6v4PqnKIMtWKECggEAJBW6atjDdL+HZW/L9gX7Hu8R
        PIIOvD9VB2OwcJm+nPPWTzVLr9hVTDkEJDTETq6GsSOHEAGhPUnlYww0AK578XNLZJVx9vHaOZZgqK9REb+hgb0MZBVlqoibbsVY
        agkzNX3xQpXof6xGxXChCbQOHaPLfWgjEGVJzRUagu6KVD+dcGGKAyHWmvJYLIptyz4rHSM6BVLaKfUz/3aWlLCvyuigLCM0aBvq
        zM8HUcWk35j6Y1DBNZ94oe+qOQZ1ON3r6GWNdXrVA0lOkgk82Of49iGa/QF2TyIBw/StTFr3r7PrKTvTOxbXG8qfI7xjVfhhJMAE
        gUASo6V04aqfmNQ9xQKCAQEAq8bhZG0MU5FHDlwuBgK8jiHkPy0ZRiw4/x1lw+PqDVy3+yroOJW/78gfqMftYK/Vb8IKlcEBh47D
        MrLvyV307ipWmKfxKQJSuzs06UUu+SGTy/du450oyQjdTA4u5Uv0qL9x3yomcUzHWyZSjM2Os36NdMnfT8Z8EGKbkpGcpXPNxwjL
        oQE5jUG/IQL3KDf2RMPhMYgxBRYoWasK5U2yY30F0RADdQw/Go3R20gnuQQaNkByXfjRythMrNyc4MDeTcg5XxrVqbU0qDYt5RBw
        6XoJn0MbmO8Az74PMjbeQohx+iz9dRPMXdN2m2xCaWulQ1tklopEIUOQeIDhDq98rw==
        """, options: .ignoreUnknownCharacters)!
    /// A P-256 private key, PKCS #8 DER (with the public key, as OpenSSL writes it).
    static let p256PKCS8 = [UInt8](hex: """
        308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104205846f9e8d7d56186a03da3d2
        b5a26384fa7e349ff4ef2028f9da8649186cfecea14403420004e8f0d1637ef5cad1666152ee9c708e4efa7a9b3fa929
        f7a63506ed6dee0f8f4ceb723a5205a19e91eada5ad08f318c5cc263877c2672feca8d43b73befe2621a
        """)
    /// A P-256 private key in SEC1 DER: not PKCS #8.
    static let p256SEC1 = [UInt8](hex: """
        3077020101042049d3f6fee11ced2ba493e852aeb43217e28439139d917ba00b36c96395d92e66a00a06082a8648ce3d
        030107a14403420004a6e40662aa3f1653e9061b64c44c4d9ac9fee9219ecacedcbed74b677baa6d81347ea40476df40
        7011cd0180fad9f36a81f2f738f193fad321a5e349a2412810
        """)
    /// An X25519 private key, PKCS #8 DER: 32 bytes like an Ed25519 seed, another algorithm.
    static let x25519PKCS8 = [UInt8](hex: """
        302e020100300506032b656e0422042060d125e68a2f47fd917c62d6639f013923e25cb99ff5683fee9d2e5e2edec45b
        """)
    /// The plaintext of the OAEP ciphertexts below.
    static let oaepPlaintext = Data("OAEP from OpenSSL".utf8)
    /// `openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1 -pkeyopt rsa_mgf1_md:sha1` under ``rsa2048PKCS8``.
    static let rsa2048OAEPSHA1Ciphertext = Data(base64Encoded: """
        MHPfv8boTcwKpvlsmq47Q+2t95SImwv+eDPfmrKmlzbXeEABOF3K3185b6H1OqsbXla90CbIso5kIT9T0Hs3PP8jPG1x/5LcihxC
        zfJExBtLT/vC67d6xMi7xMHcfMPZ60j4wGBKOp/uAK9EbvkrRjt35WDQZPHPcWGAnSVdcUSol6xhO/mIAZWOdhlp2+VWQaYFLTYA
        8K3T4XNPA+Nw6r+rI5HLmml2t7IWrHQ6DbNIZi2wF7kpn6TSQTd7PTTGzix4+mIOScduhmIfz0OazlzH8JQaohPoD7HjEVE2EdAM
        8JAota9QDCLbrX3FLC0K43bQXfPgxDU4b9Qm+js3hw==
        """, options: .ignoreUnknownCharacters)!
    /// The same with `rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256`.
    static let rsa2048OAEPSHA256Ciphertext = Data(base64Encoded: """
        171ji0zfzxXIO9D1/tJR+nKXW8VpKMtIJ76fl53z549if7D4+jKfTxMcWr0ja4j/Dt02N1L9YIySjzrXgfci4bo2P4dsJrhmxL/Z
        wfvDb4k4w84+lGvhh47uU7zbDOLAJhK+uDNwu2gqKofg3whGR1sIjvFoBHiFpAF45Y7KN5Y92xj7ef8w+oEpg+YEi30F3bARQNh1
        lOa9tE6c6PXnrlXf3yjh1b4CY2gsS3CdSqmPnWtU6k7s1r/cWWjalvNwyQeircXrhD6l7OSa0oLY4/CPoT06pL82M6BC+8fUpHPv
        kCqx3Rc7ndZnzG1brjKRtihLBtWxYN/tbl7dmLjE1Q==
        """, options: .ignoreUnknownCharacters)!
    /// Another P-256 public key, SubjectPublicKeyInfo DER.
    static let p256PeerSPKI = [UInt8](hex: """
        3059301306072a8648ce3d020106082a8648ce3d0301070342000443661ec389e809de7338956b603eee7b047875eda1
        ecfa9aa896aab4c594dc2ebccac91f7ef0aa9ba488f9ee44620211f2f5ade0abb31e9486a9d5874c68b842
        """)
    /// `openssl pkeyutl -derive -inkey p256.der -peerkey peer256.der`: the ECDH secret of ``p256PKCS8`` and ``p256PeerSPKI``.
    static let p256SharedSecret = [UInt8](hex: "6fd97bdeb0f174dfc7158382f2604d539a596f647313edd057eccbb3ad6d3ef2")
}
