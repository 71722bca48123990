package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "teams", description = "Teams and their members.",
        subcommands = {
            TeamsListCommand.class,
            TeamsCreateCommand.class,
            TeamsMembersCommand.class,
            TeamsAddMemberCommand.class,
            TeamsRemoveMemberCommand.class,
            TeamsSetRoleCommand.class,
            TeamsInviteCommand.class,
            TeamsInvitationsCommand.class,
            TeamsJoinCommand.class
        })
public class TeamsCommand extends GroupCommand {
}
