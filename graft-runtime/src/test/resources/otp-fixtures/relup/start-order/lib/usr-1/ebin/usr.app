{application,usr,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['usr.U']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
