package dev.kakapo.server.net;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channel;
import java.util.Locale;
import java.nio.charset.StandardCharsets;

/**
 * The socket calls the JDK lacks, through small native calls (Linux). {@code SO_BINDTODEVICE}
 * ties a socket bound to 0.0.0.0 to one interface: the socket then receives only that
 * interface's packets, which tells the server which link a broadcasting client is on, and what
 * it sends leaves through that interface, even to 255.255.255.255 on a host without a route.
 * {@code recvmmsg} and {@code sendmmsg} move several datagrams per system call (see
 * {@link MmsgBatch}); {@code shutdown} wakes a thread blocked in {@code recvmmsg}.
 */
final class NativeSockets {

    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_RCVBUFFORCE = 33;

    /** The C library's {@code setsockopt}. */
    public interface LibC {
        /**
         * Sets a socket option.
         *
         * @return 0 on success, -1 with errno set on failure
         */
        int setsockopt(int fd, int level, int option, @In byte[] value, int length);

        /**
         * Receives up to {@code vlen} datagrams into the {@code struct mmsghdr} array at {@code msgvec}.
         *
         * @return how many were received, or -1 with errno set
         */
        int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

        /**
         * Sends the {@code vlen} datagrams of the {@code struct mmsghdr} array at {@code msgvec}.
         *
         * @return how many were sent before the first that failed, or -1 with errno set when the first failed
         */
        int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);

        /**
         * Shuts a socket down; on an unconnected UDP socket it answers ENOTCONN but still wakes
         * the threads blocked on it.
         */
        int shutdown(int fd, int how);
    }

    private NativeSockets() {
    }

    /** Loaded on first use only, so that hosts serving only relayed traffic never load native code. */
    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    /**
     * Binds {@code channel}'s socket to {@code device}. Call before {@code bind}.
     *
     * @throws IOException when the option cannot be set (it needs root or CAP_NET_RAW)
     */
    static void bindToDevice(Channel channel, String device) throws IOException {
        if (!linux()) {
            throw new IOException("serving clients on interface " + device + " needs SO_BINDTODEVICE, which only Linux has; "
                    + "name an address instead (" + device + "/ADDRESS) for relayed traffic");
        }
        byte[] name = (device + "\0").getBytes(StandardCharsets.US_ASCII);
        int result;
        try {
            result = Holder.LIBC.setsockopt(fd(channel), SOL_SOCKET, SO_BINDTODEVICE, name, name.length);
        } catch (LinkageError e) {
            throw new IOException("cannot call setsockopt through jnr-ffi: " + e, e);
        }
        if (result != 0) {
            int errno = Runtime.getRuntime(Holder.LIBC).getLastError();
            throw new IOException("setsockopt(SO_BINDTODEVICE, " + device + ") failed with errno " + errno
                    + (errno == 1 ? " (EPERM: it needs root or CAP_NET_RAW)" : errno == 19 ? " (ENODEV: no such interface)" : ""));
        }
    }

    /**
     * Sets the socket's receive buffer past {@code net.core.rmem_max} ({@code SO_RCVBUFFORCE}, which
     * needs CAP_NET_ADMIN); returns false, changing nothing, when that is not allowed or not Linux.
     */
    static boolean forceReceiveBuffer(Channel channel, int bytes) {
        if (!linux()) {
            return false;
        }
        byte[] value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(bytes).array();
        try {
            return Holder.LIBC.setsockopt(fd(channel), SOL_SOCKET, SO_RCVBUFFORCE, value, value.length) == 0;
        } catch (IOException | LinkageError e) {
            return false;
        }
    }

    /** Whether the batched datagram calls can be used here: Linux on a 64-bit platform, with the native library loading. */
    static boolean batchingAvailable() {
        if (!linux() || !"64".equals(System.getProperty("sun.arch.data.model"))) {
            return false;
        }
        try {
            return Holder.LIBC != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The C library, for {@link MmsgBatch}; call only when {@link #batchingAvailable()}. */
    static LibC libc() {
        return Holder.LIBC;
    }

    /** The errno the calling thread's last native call left. */
    static int lastError() {
        return Runtime.getRuntime(Holder.LIBC).getLastError();
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** The file descriptor of a JDK channel, read through the JDK's internal interface. */
    static int fd(Channel channel) throws IOException {
        try {
            Method getter = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return (int) getter.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read the socket's file descriptor; start the JVM with the flags of jvm.options "
                    + "(--add-opens=java.base/sun.nio.ch=ALL-UNNAMED): " + e, e);
        }
    }
}
