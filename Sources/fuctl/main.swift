import FuctlCommands
import Foundation

exit(FuctlMain.run(arguments: Array(CommandLine.arguments.dropFirst()), context: .live()))
