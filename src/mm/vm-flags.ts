/** vm_flags bits the layer uses (include/linux/mm.h values; VM_GROWSUP is VM_ARCH_1). */
export const VM_READ = 0x1;
export const VM_WRITE = 0x2;
export const VM_EXEC = 0x4;
export const VM_GROWSDOWN = 0x100;
export const VM_ACCOUNT = 0x100000;
/** Only architectures whose stack grows up have it; the layer supports both directions. */
export const VM_GROWSUP = 0x1000000;

export const VM_ACCESS_FLAGS = VM_READ | VM_WRITE | VM_EXEC;
/** VM_STACK_DEFAULT_FLAGS-free brk flags: VM_DATA_DEFAULT_FLAGS (rw) and accounting. */
export const VM_BRK_FLAGS = VM_READ | VM_WRITE | VM_ACCOUNT;

/** Errno values as the kernel returns them. */
export const ENOMEM = -12;
export const EFAULT = -14;
export const EEXIST = -17;
export const EINVAL = -22;

export const ERRNO_NAME: Record<number, string> = {
  [ENOMEM]: "ENOMEM",
  [EFAULT]: "EFAULT",
  [EEXIST]: "EEXIST",
  [EINVAL]: "EINVAL",
};
