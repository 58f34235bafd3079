/** Registers the stdlib ops in the engine's op table; import once before running programs. */
import type { ComputeOp, NetReadOp, SleepOp } from '../ops/basic.ts';
import type { CallOp, RetOp } from '../ops/call.ts';
import type { CloseOp, MakeChanOp, RecvOp, ReleaseChanOp, SelectOp, SendOp } from './ops-chan.ts';
import type { CancelOp, DeadlineOp, ReleaseOp, WithTimeoutOp } from './ops-context.ts';
import type {
  CountOp,
  GoWithOp,
  JumpIfOp,
  JumpOp,
  SetOp,
  TakeOp,
  WhileBeforeOp,
} from './ops-control.ts';
import type {
  AcceptOp,
  HandlerRunningOp,
  HandlerWriteOp,
  ReadRequestOp,
  RespondOp,
  StartClientsOp,
} from './ops-http.ts';
import type { MutexOp, OnceJumpOp, OncePanicOp, OnceOp } from './ops-sync.ts';
import type { AfterFuncOp, NewTickerOp, StopOp } from './ops-time.ts';
import './ops-chan.ts';
import './ops-context.ts';
import './ops-control.ts';
import './ops-http.ts';
import './ops-sync.ts';
import './ops-time.ts';

/** Every op a stdlib scenario program may use, so programs are type-checked op by op. */
export type StdlibOp =
  | ComputeOp
  | SleepOp
  | NetReadOp
  | CallOp
  | RetOp
  | MakeChanOp
  | ReleaseChanOp
  | SendOp
  | RecvOp
  | CloseOp
  | SelectOp
  | WithTimeoutOp
  | CancelOp
  | DeadlineOp
  | ReleaseOp
  | JumpOp
  | WhileBeforeOp
  | JumpIfOp
  | TakeOp
  | GoWithOp
  | CountOp
  | SetOp
  | MutexOp
  | OnceJumpOp
  | OnceOp
  | OncePanicOp
  | AfterFuncOp
  | StopOp
  | NewTickerOp
  | StartClientsOp
  | AcceptOp
  | ReadRequestOp
  | RespondOp
  | HandlerWriteOp
  | HandlerRunningOp;
