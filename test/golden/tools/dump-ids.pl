#!/usr/bin/perl
# dump-ids.pl [PLAN_FILE] : in a Sqitch project directory, print as JSON what the installed
# App::Sqitch computes for every change and tag of the plan (IDs, the exact info text that
# is SHA-1 hashed, dependencies, rework tags, script paths and hashes, the plan line as
# Sqitch writes it back).  Items in plan order, each change's tags right after it.
use strict;
use warnings;
use utf8;
use App::Sqitch;
use App::Sqitch::Config;
use App::Sqitch::Target;
use JSON::PP;
use Path::Class qw(file);

my $plan_file = shift;
my $sqitch = App::Sqitch->new(config => App::Sqitch::Config->new);
my $target = App::Sqitch::Target->new(
    sqitch => $sqitch,
    ($plan_file ? (plan_file => file($plan_file)) : ()),
);
my $plan = $target->plan;
my $JSON_BOOL = sub { $_[0] ? JSON::PP::true : JSON::PP::false };

sub dependency {
    my $d = shift;
    return {
        as_plan_string => $d->as_plan_string,
        as_string      => $d->as_string,
        change         => $d->change,
        got_id         => $JSON_BOOL->($d->got_id),
        is_external    => $JSON_BOOL->($d->is_external),
        project        => $d->project,
        tag            => $d->tag,
    };
}

my @items;
for my $change ($plan->changes) {
    push @items, {
        type                      => 'change',
        name                      => $change->name,
        id                        => $change->id,
        info                      => $change->info,
        note                      => $change->note,
        operator                  => $change->operator,
        parent_id                 => ($change->parent ? $change->parent->id : undef),
        planned_at                => $change->timestamp->as_string,
        planner_name              => $change->planner_name,
        planner_email             => $change->planner_email,
        requires                  => [ map { dependency($_) } $change->requires ],
        conflicts                 => [ map { { as_plan_string => $_->as_plan_string,
                                               as_string => $_->as_string } } $change->conflicts ],
        tags                      => [ map { $_->format_name } $change->tags ],
        rework_tags               => [ map { $_->format_name } $change->rework_tags ],
        is_reworked               => $JSON_BOOL->($change->is_reworked),
        format_name_with_tags     => $change->format_name_with_tags,
        format_tag_qualified_name => $change->format_tag_qualified_name,
        deploy_file               => $change->deploy_file->relative($target->top_dir)->stringify,
        revert_file               => $change->revert_file->relative($target->top_dir)->stringify,
        verify_file               => $change->verify_file->relative($target->top_dir)->stringify,
        script_hash               => $change->script_hash,
        plan_line                 => $change->as_string,
    };
    for my $tag ($change->tags) {
        push @items, {
            type          => 'tag',
            name          => $tag->name,
            format_name   => $tag->format_name,
            id            => $tag->id,
            info          => $tag->info,
            note          => $tag->note,
            change_id     => $tag->change->id,
            planned_at    => $tag->timestamp->as_string,
            planner_name  => $tag->planner_name,
            planner_email => $tag->planner_email,
            plan_line     => $tag->as_string,
        };
    }
}

binmode STDOUT;
print JSON::PP->new->utf8->pretty->canonical->encode({
    project        => $plan->project,
    uri            => ($plan->uri ? $plan->uri->as_string : undef),
    uri_canonical  => ($plan->uri ? $plan->uri->canonical->as_string : undef),
    syntax_version => $plan->syntax_version,
    items          => \@items,
});
