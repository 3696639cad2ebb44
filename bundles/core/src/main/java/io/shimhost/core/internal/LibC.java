package io.shimhost.core.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;

/**
 * The C library calls shimhost needs, bound with jnr-ffi. posix_spawn and its helpers return an
 * error number; the others return -1 and leave it in errno ({@link SaveError}).
 */
public interface LibC {

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int O_CREAT = 0x40;
    int O_APPEND = 0x400;
    int O_NOFOLLOW = 0x20000;

    short POSIX_SPAWN_SETPGROUP = 0x02;
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    short POSIX_SPAWN_SETSID = 0x80;

    long SYS_PIDFD_SEND_SIGNAL = 424;
    long SYS_PIDFD_OPEN = 434;
    long SYS_GETTID = 186;
    long SYS_FCNTL = 72;
    int F_DUPFD_CLOEXEC = 1030;

    int P_PIDFD = 3;
    int WEXITED = 4;
    int WNOHANG = 1;
    int CLD_EXITED = 1;

    int EPOLL_CLOEXEC = 0x80000;
    int EPOLL_CTL_ADD = 1;
    int EPOLLIN = 1;
    int EPOLLONESHOT = 1 << 30;
    int EPOLL_CTL_MOD = 3;
    int EFD_CLOEXEC = 0x80000;
    int POLLIN = 1;

    int CLONE_FS = 0x200;
    int CLONE_FILES = 0x400;
    /** ioctl on a namespace file descriptor: which CLONE_NEW* type it is. */
    long NS_GET_NSTYPE = 0xb703;
    long NSFS_MAGIC = 0x6e736673L;
    long PROC_SUPER_MAGIC = 0x9fa0L;
    /** struct statfs is 120 bytes on 64-bit Linux; f_type comes first. */
    int STATFS_SIZE = 256;

    int ENOENT = 2;
    int EACCES = 13;
    int ENOMEM = 12;
    int EINTR = 4;
    int EIO = 5;
    int ESRCH = 3;
    int ENOTTY = 25;

    /** Bytes enough for glibc's posix_spawn_file_actions_t (80), posix_spawnattr_t (336), sigset_t (128). */
    int OPAQUE_SIZE = 512;
    /** siginfo_t is 128 bytes on Linux. */
    int SIGINFO_SIZE = 128;

    int posix_spawn(@Out IntByReference pid, String path, Pointer fileActions, Pointer attr, String[] argv,
            String[] envp);

    int posix_spawnp(@Out IntByReference pid, String file, Pointer fileActions, Pointer attr, String[] argv,
            String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);

    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4);

    @SaveError
    int waitid(int idType, long id, Pointer info, int options);

    @SaveError
    int epoll_create1(int flags);

    @SaveError
    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    @SaveError
    int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

    @SaveError
    int eventfd(int initialValue, int flags);

    @SaveError
    long write(int fd, Pointer buffer, long count);

    @SaveError
    int poll(Pointer fds, long count, int timeoutMillis);

    @SaveError
    int kill(int pid, int signal);

    @SaveError
    int waitpid(int pid, Pointer status, int options);

    @SaveError
    int posix_openpt(int flags);

    @SaveError
    int grantpt(int fd);

    @SaveError
    int unlockpt(int fd);

    int ptsname_r(int fd, @Out byte[] buffer, long length);

    @SaveError
    long read(int fd, @Out byte[] buffer, long count);

    @SaveError
    long write(int fd, @In byte[] buffer, long count);

    @SaveError
    int unshare(int flags);

    @SaveError
    int setns(int fd, int nsType);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int fstatfs(int fd, Pointer buffer);

    @SaveError
    int ioctl(int fd, long request);

    int close(int fd);

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int MSG_NOSIGNAL = 0x4000;
    /** struct sockaddr_un: a short family, then 108 bytes of path. */
    int SOCKADDR_UN_SIZE = 110;

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, Pointer address, int length);

    @SaveError
    long sendto(int fd, @In byte[] buffer, long length, int flags, Pointer address, int addressLength);

    @SaveError
    long recv(int fd, @Out byte[] buffer, long length, int flags);

    int isatty(int fd);

    @SaveError
    int mkfifo(String path, int mode);

    String strerror(int errno);
}
